package dev.berth.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy in front of a server that, once, drops the connection carrying the client's bytes when
 * the total it has forwarded towards the server crosses a threshold: a network failure in the middle of an
 * upload, as a client meets it. Counts every byte it forwards to the server.
 */
final class CuttingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int upstreamPort;
    private final long cutAfter;
    private final AtomicLong upstreamBytes = new AtomicLong();
    private final AtomicBoolean armed = new AtomicBoolean(true);
    private final AtomicBoolean cut = new AtomicBoolean();

    CuttingProxy(int upstreamPort, long cutAfter) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.upstreamPort = upstreamPort;
        this.cutAfter = cutAfter;
        Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    long upstreamBytes() {
        return upstreamBytes.get();
    }

    boolean didCut() {
        return cut.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                Thread.ofVirtual().start(() -> pump(client, server, true));
                Thread.ofVirtual().start(() -> pump(server, client, false));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to, boolean towardsServer) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (towardsServer) {
                    long total = upstreamBytes.addAndGet(n);
                    if (total >= cutAfter && armed.compareAndSet(true, false)) {
                        cut.set(true);
                        from.close();
                        to.close();
                        return;
                    }
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away: close both below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
