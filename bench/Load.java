import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load generator behind bench/run.sh: drives OCI registries (and nginx, as a static-file ceiling) on
 * loopback and appends one tab-separated row per measurement to a results file that Report.java turns into
 * markdown.
 *
 * <p>Single-file program for JDK 21+: {@code java bench/Load.java run ...} or {@code java bench/Load.java sha256}.
 * It is one long file on purpose: the JDK runs it from source, with no build step and no dependency.
 * It speaks HTTP/1.1 itself over blocking NIO channels so that uploads go out with sendfile (the client costs
 * almost no CPU on a push) and downloads are read into one reused direct buffer (one copy, no parsing beyond
 * the framing). Every loop is bounded both in count and in time, and a watchdog aborts any request that runs
 * longer than {@link #REQUEST_TIMEOUT_NANOS}.
 *
 * <p>Results row: op, case, target, n, errors, seconds, value, unit, p50_ms, p99_ms, cpu, cpu_unit, note. cpu is
 * the CPU time the target's whole process group used during the measurement (from /proc), per GB moved or per
 * request: on a shared machine it is steadier than the wall-clock figures.
 */
public final class Load {
  static final long MiB = 1L << 20;
  static final long CHUNK = 8 * MiB;
  static final long REQUEST_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(120);
  static final String OCTET = "Content-Type: application/octet-stream";
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  /** HTTP Basic credentials sent on every request (Berth requires them; distribution ignores them). */
  static final String AUTHORIZATION = System.getenv("BENCH_BASIC_AUTH") == null ? null
      : "Basic " + java.util.Base64.getEncoder().encodeToString(
          System.getenv("BENCH_BASIC_AUTH").getBytes(StandardCharsets.UTF_8));

  public static void main(String[] args) throws Exception {
    Map<String, String> o = options(args);
    switch (args.length == 0 ? "" : args[0]) {
      case "sha256" -> sha256(o);
      case "run" -> new Plan(o).run();
      default -> {
        System.err.println("usage: java Load.java sha256 [--seconds S] [--out FILE]");
        System.err.println("       java Load.java run --registries name=url,... [--static name=url --static-root DIR]");
        System.err.println("                          --data DIR --sizes B,B,... --out FILE [--quick]");
        System.exit(2);
      }
    }
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      if (!args[i].startsWith("--")) throw new IllegalArgumentException("unexpected argument " + args[i]);
      String key = args[i].substring(2);
      boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
      o.put(key, flag ? "true" : args[++i]);
    }
    return o;
  }

  /**
   * One core's SHA-256 through java.security.MessageDigest over a 1 MiB buffer (what a push hashes), per second
   * of this thread's CPU time, so that other work on the machine does not lower it.
   */
  static void sha256(Map<String, String> o) throws Exception {
    double seconds = Double.parseDouble(o.getOrDefault("seconds", "3"));
    byte[] buf = new byte[(int) MiB];
    new SplittableRandom(1).nextBytes(buf);
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    hashFor(md, buf, 1.0); // JIT warm-up
    long[] r = hashFor(md, buf, seconds);
    double secs = r[2] / 1e9;
    try (Results out = new Results(o.get("out"))) {
      out.row("ceiling", "SHA-256, 1 core", "java-messagedigest", r[0] / MiB, 0, secs, r[0] / 1e6 / secs, "MB/s",
          Double.NaN, Double.NaN, Double.NaN, "", "MessageDigest on java " + Runtime.version() + ", per CPU-second");
    }
  }

  /** Hashes for about {@code seconds} of wall time; returns {bytes, wall ns, thread CPU ns}. */
  static long[] hashFor(MessageDigest md, byte[] buf, double seconds) {
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime(), end = start + (long) (seconds * 1e9), bytes = 0;
    for (int i = 0; i < 1_000_000 && System.nanoTime() < end; i++) {
      md.update(buf);
      bytes += buf.length;
    }
    md.digest();
    return new long[] {bytes, System.nanoTime() - start, threads.getCurrentThreadCpuTime() - cpu0};
  }

  static long clockTicksPerSecond = 100;

  /** CPU time (user + system, in clock ticks) of every live process in process group pgid; -1 if unknown. */
  static long cpuTicks(long pgid) {
    if (pgid <= 0) return -1;
    long sum = 0;
    try (var dirs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
      for (Path dir : dirs) {
        try {
          String stat = Files.readString(dir.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          // f[0] is field 3 (state): pgrp is field 5, utime 14, stime 15
          if (Long.parseLong(f[2]) == pgid) sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException gone) {
          // the process ended meanwhile
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return sum;
  }

  static double cpuSecondsBetween(long ticks0, long ticks1) {
    return ticks0 < 0 || ticks1 < 0 ? Double.NaN : (double) (ticks1 - ticks0) / clockTicksPerSecond;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Results

  /** Appends rows to a TSV file (or stdout), and echoes a short line per row to stderr. */
  static final class Results implements Closeable {
    private final PrintStream out;

    Results(String path) throws IOException {
      out = path == null ? System.out : new PrintStream(Files.newOutputStream(Path.of(path),
          StandardOpenOption.CREATE, StandardOpenOption.APPEND), true, StandardCharsets.UTF_8);
    }

    synchronized void row(String op, String kase, String target, long n, long errors, double seconds, double value,
        String unit, double p50, double p99, double cpu, String cpuUnit, String note) {
      out.printf(Locale.ROOT, "%s\t%s\t%s\t%d\t%d\t%.3f\t%.1f\t%s\t%.3f\t%.3f\t%.3f\t%s\t%s%n", op, kase, target, n,
          errors, seconds, value, unit, p50, p99, cpu, cpuUnit, note.replace('\t', ' '));
      System.err.printf(Locale.ROOT, "  %-22s %-22s %-18s %9.1f %-5s p50 %8.2f ms  p99 %8.2f ms  cpu %7.2f %s  n=%d%s%s%n",
          op, kase, target, value, unit, p50, p99, cpu, cpuUnit, n, errors > 0 ? "  ERRORS=" + errors : "",
          note.isEmpty() ? "" : "  " + note);
    }

    /** A throughput row (unit MB/s or req/s) with server CPU per GB or per request. */
    void row(String op, String kase, String target, Samples s, String unit, String note) {
      boolean bytes = unit.equals("MB/s");
      double value = bytes ? s.megabytesPerSecond() : s.perSecond();
      double cpu = bytes ? s.cpuSeconds / (s.bytes.get() / 1e9) : s.cpuSeconds * 1e6 / s.count();
      row(op, kase, target, s.count(), s.errors.get(), s.seconds, value, unit, s.percentileMillis(50),
          s.percentileMillis(99), cpu, bytes ? "CPU-s/GB" : "CPU-us/req", note);
    }

    @Override
    public void close() {
      if (out != System.out) out.close();
    }
  }

  /** Latencies (ns) of one measurement, from any number of threads, plus the byte and error counts. */
  static final class Samples {
    private long[] values = new long[4096];
    private int size;
    final AtomicLong errors = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    double seconds;
    double cpuSeconds = Double.NaN;

    synchronized void add(long nanos) {
      if (size == values.length) values = Arrays.copyOf(values, size * 2);
      values[size++] = nanos;
    }

    synchronized void addAll(long[] more, int n) {
      for (int i = 0; i < n; i++) add(more[i]);
    }

    synchronized int count() {
      return size;
    }

    /** Nearest-rank percentile in milliseconds; NaN without samples. */
    synchronized double percentileMillis(double p) {
      if (size == 0) return Double.NaN;
      long[] sorted = Arrays.copyOf(values, size);
      Arrays.sort(sorted);
      int rank = (int) Math.ceil(p / 100.0 * size);
      return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    /** Adds other's samples, counts, time and CPU to this one (rounds of one measurement). */
    Samples merge(Samples other) {
      synchronized (other) {
        addAll(other.values, other.size);
      }
      errors.addAndGet(other.errors.get());
      bytes.addAndGet(other.bytes.get());
      seconds += other.seconds;
      cpuSeconds += other.cpuSeconds;
      return this;
    }

    double perSecond() {
      return seconds > 0 ? count() / seconds : 0;
    }

    double megabytesPerSecond() {
      return seconds > 0 ? bytes.get() / 1e6 / seconds : 0;
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // HTTP/1.1 client

  /** Thrown when a response has an unexpected status; carries the start of its body. */
  static final class UnexpectedStatus extends IOException {
    UnexpectedStatus(String what, Response r) {
      super(what + ": HTTP " + r.status + " " + r.bodyText(200));
    }
  }

  record Response(int status, Map<String, String> headers, byte[] body, long bodyBytes) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String bodyText(int max) {
      if (body == null) return "";
      return new String(body, 0, Math.min(max, body.length), StandardCharsets.UTF_8).replace('\n', ' ');
    }

    Response expect(int code, String what) throws UnexpectedStatus {
      if (status != code) throw new UnexpectedStatus(what, this);
      return this;
    }

    /** The Location header as a path and query on the same host. */
    String location() throws IOException {
      String loc = header("location");
      if (loc == null) throw new IOException("no Location header (HTTP " + status + ")");
      if (loc.startsWith("http://") || loc.startsWith("https://")) {
        int slash = loc.indexOf('/', loc.indexOf("//") + 2);
        return slash < 0 ? "/" : loc.substring(slash);
      }
      return loc;
    }
  }

  /** A request body that writes itself after the request head. */
  interface Body {
    long length();

    void writeTo(SocketChannel channel, ByteBuffer head) throws IOException;
  }

  record Bytes(byte[] data) implements Body {
    public long length() {
      return data.length;
    }

    public void writeTo(SocketChannel channel, ByteBuffer head) throws IOException {
      ByteBuffer[] both = {head, ByteBuffer.wrap(data)};
      while (both[0].hasRemaining() || both[1].hasRemaining()) channel.write(both);
    }
  }

  record Slice(Blob blob, long offset, long length) implements Body {
    public void writeTo(SocketChannel channel, ByteBuffer head) throws IOException {
      writeFully(channel, head);
      blob.transfer(channel, offset, length);
    }
  }

  static void writeFully(SocketChannel channel, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) channel.write(b);
  }

  /**
   * One keep-alive connection. Not thread-safe: one per thread. Reconnects lazily after the server closed;
   * retries a GET or HEAD once when a reused connection turns out to be dead.
   */
  static final class Http implements Closeable {
    private static final Set<Http> OPEN = ConcurrentHashMap.newKeySet();

    static {
      Thread.ofPlatform().daemon().name("request-watchdog").start(() -> {
        while (true) {
          try {
            Thread.sleep(500);
          } catch (InterruptedException e) {
            return;
          }
          long now = System.nanoTime();
          for (Http h : OPEN) if (h.deadline != Long.MAX_VALUE && now - h.deadline > 0) h.abort();
        }
      });
    }

    private final InetSocketAddress address;
    private final String host;
    private final ByteBuffer in = ByteBuffer.allocateDirect((int) MiB).flip();
    private SocketChannel channel;
    private int used;
    private volatile long deadline = Long.MAX_VALUE;

    Http(URI base) {
      this.address = new InetSocketAddress(base.getHost(), base.getPort());
      this.host = base.getHost() + ":" + base.getPort();
    }

    Response send(String method, String target, Body body, String... headers) throws IOException {
      return exchange(method, target, body, headers, false, null);
    }

    Response fetch(String method, String target, String... headers) throws IOException {
      return exchange(method, target, null, headers, true, null);
    }

    Response exchange(String method, String target, Body body, String[] headers, boolean keep, MessageDigest verify)
        throws IOException {
      boolean reused = channel != null && used > 0;
      try {
        return once(method, target, body, headers, keep, verify);
      } catch (IOException e) {
        close();
        if (reused && body == null && (method.equals("GET") || method.equals("HEAD")) && verify == null) {
          return once(method, target, null, headers, keep, null);
        }
        throw e;
      }
    }

    private Response once(String method, String target, Body body, String[] headers, boolean keep,
        MessageDigest verify) throws IOException {
      if (channel == null) connect();
      deadline = System.nanoTime() + REQUEST_TIMEOUT_NANOS;
      try {
        StringBuilder sb = new StringBuilder(256).append(method).append(' ').append(target)
            .append(" HTTP/1.1\r\nHost: ").append(host).append("\r\nUser-Agent: berth-bench\r\n");
        if (AUTHORIZATION != null) sb.append("Authorization: ").append(AUTHORIZATION).append("\r\n");
        for (String h : headers) sb.append(h).append("\r\n");
        if (body != null) sb.append("Content-Length: ").append(body.length()).append("\r\n");
        ByteBuffer head = ByteBuffer.wrap(sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body == null) writeFully(channel, head);
        else body.writeTo(channel, head);
        Response r = readResponse(method, keep, verify);
        used++;
        if ("close".equalsIgnoreCase(r.header("connection"))) close();
        return r;
      } finally {
        deadline = Long.MAX_VALUE;
      }
    }

    private void connect() throws IOException {
      channel = SocketChannel.open(address);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      in.clear().flip();
      used = 0;
      OPEN.add(this);
    }

    private Response readResponse(String method, boolean keep, MessageDigest verify) throws IOException {
      int status;
      Map<String, String> headers;
      do {
        String[] lines = readHead().split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) throw new IOException("bad status line");
        status = Integer.parseInt(statusLine[1]);
        headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
          int colon = lines[i].indexOf(':');
          if (colon > 0) {
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
          }
        }
      } while (status >= 100 && status < 200);
      ByteArrayOutputStream kept = keep ? new ByteArrayOutputStream() : null;
      long bytes = 0;
      if (!method.equals("HEAD") && status != 204 && status != 304) {
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
          for (long size; (size = Long.parseLong(readLine().split(";")[0].trim(), 16)) > 0; readLine()) {
            bytes += consume(size, kept, verify);
          }
          while (!readLine().isEmpty()) {} // trailers
        } else if (headers.containsKey("content-length")) {
          bytes = consume(Long.parseLong(headers.get("content-length")), kept, verify);
        } else {
          bytes = consume(Long.MAX_VALUE, kept, verify);
          headers.put("connection", "close");
        }
      }
      return new Response(status, headers, kept == null ? null : kept.toByteArray(), bytes);
    }

    private String readHead() throws IOException {
      for (int scanned = 0; ; ) {
        for (int i = in.position() + Math.max(0, scanned - 3); i + 3 < in.limit(); i++) {
          if (in.get(i) == '\r' && in.get(i + 1) == '\n' && in.get(i + 2) == '\r' && in.get(i + 3) == '\n') {
            return take(i - in.position(), 4);
          }
        }
        scanned = in.remaining();
        if (scanned > 64 * 1024) throw new IOException("response head over 64 KiB");
        if (!fill()) throw new EOFException("connection closed before a response");
      }
    }

    private String readLine() throws IOException {
      for (int scanned = 0; ; ) {
        for (int i = in.position() + Math.max(0, scanned - 1); i + 1 < in.limit(); i++) {
          if (in.get(i) == '\r' && in.get(i + 1) == '\n') return take(i - in.position(), 2);
        }
        scanned = in.remaining();
        if (scanned > 64 * 1024) throw new IOException("line over 64 KiB");
        if (!fill()) throw new EOFException("connection closed in a chunked body");
      }
    }

    private String take(int length, int skip) {
      byte[] b = new byte[length];
      in.get(b);
      in.position(in.position() + skip);
      return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** Reads n body bytes (or to end of stream when n is Long.MAX_VALUE), keeping or hashing them if asked. */
    private long consume(long n, ByteArrayOutputStream kept, MessageDigest verify) throws IOException {
      long done = 0;
      while (done < n) {
        if (!in.hasRemaining() && !fill()) {
          if (n == Long.MAX_VALUE) return done;
          throw new EOFException("body ended after " + done + " of " + n + " bytes");
        }
        int k = (int) Math.min(in.remaining(), n - done);
        ByteBuffer part = in.slice(in.position(), k);
        if (verify != null) verify.update(part.duplicate());
        if (kept != null) {
          byte[] b = new byte[k];
          part.get(b);
          kept.write(b, 0, k);
        }
        in.position(in.position() + k);
        done += k;
      }
      return done;
    }

    private boolean fill() throws IOException {
      in.compact();
      int n;
      try {
        n = channel.read(in);
      } finally {
        in.flip();
      }
      return n > 0;
    }

    /** From the watchdog: closes the socket under the owner's feet; its blocked call fails with an IOException. */
    private void abort() {
      try {
        SocketChannel c = channel;
        if (c != null) c.close();
      } catch (IOException ignored) {
        // closing
      }
    }

    @Override
    public void close() {
      SocketChannel c = channel;
      channel = null;
      OPEN.remove(this);
      if (c != null) {
        try {
          c.close();
        } catch (IOException ignored) {
          // closing
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Blobs

  /** A blob: a short unique prefix followed by the bytes of a data file. Its digest is computed once, lazily. */
  static final class Blob {
    final byte[] prefix;
    final FileChannel file;
    final long fileLength;
    private String digest;

    Blob(byte[] prefix, FileChannel file) throws IOException {
      this.prefix = prefix;
      this.file = file;
      this.fileLength = file == null ? 0 : file.size();
    }

    static Blob of(byte[] bytes) {
      try {
        return new Blob(bytes, null);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    long length() {
      return prefix.length + fileLength;
    }

    Body whole() {
      return file == null ? new Bytes(prefix) : new Slice(this, 0, length());
    }

    synchronized String digest() throws IOException {
      if (digest == null) {
        MessageDigest md = sha256();
        md.update(prefix);
        if (file != null) {
          ByteBuffer buf = ByteBuffer.allocateDirect((int) MiB);
          for (long pos = 0; pos < fileLength; ) {
            buf.clear();
            int n = file.read(buf, pos);
            if (n < 0) throw new EOFException();
            pos += n;
            md.update(buf.flip());
          }
        }
        digest = "sha256:" + HexFormat.of().formatHex(md.digest());
      }
      return digest;
    }

    /** Writes bytes [offset, offset+length) of the blob; the file part goes out with transferTo (sendfile). */
    void transfer(SocketChannel channel, long offset, long length) throws IOException {
      if (offset < prefix.length) {
        int n = (int) Math.min(length, prefix.length - offset);
        writeFully(channel, ByteBuffer.wrap(prefix, (int) offset, n));
        offset += n;
        length -= n;
      }
      for (long pos = offset - prefix.length; length > 0; ) {
        long n = file.transferTo(pos, length, channel);
        if (n <= 0 && pos >= fileLength) throw new EOFException("data file shorter than expected");
        pos += n;
        length -= n;
      }
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  enum Mode {
    MONOLITHIC("push monolithic POST"),
    POST_PUT("push POST+PUT"),
    CHUNKED("push chunked 8 MiB");

    final String op;

    Mode(String op) {
      this.op = op;
    }
  }

  /** Pushes one blob to repo with the given upload flow; throws unless every step answers as the spec says. */
  static void push(Http h, String repo, Mode mode, Blob b) throws IOException {
    String digest = b.digest();
    String uploads = "/v2/" + repo + "/blobs/uploads/";
    switch (mode) {
      case MONOLITHIC -> h.send("POST", uploads + "?digest=" + digest, b.whole(), OCTET).expect(201, "POST ?digest=");
      case POST_PUT -> {
        String loc = h.send("POST", uploads, new Bytes(new byte[0])).expect(202, "POST").location();
        h.send("PUT", withDigest(loc, digest), b.whole(), OCTET).expect(201, "PUT");
      }
      case CHUNKED -> {
        String loc = h.send("POST", uploads, new Bytes(new byte[0])).expect(202, "POST").location();
        for (long off = 0; off < b.length(); off += CHUNK) {
          long n = Math.min(CHUNK, b.length() - off);
          loc = h.send("PATCH", loc, new Slice(b, off, n), OCTET, "Content-Range: " + off + "-" + (off + n - 1))
              .expect(202, "PATCH").location();
        }
        h.send("PUT", withDigest(loc, digest), new Bytes(new byte[0])).expect(201, "PUT");
      }
    }
  }

  static String withDigest(String location, String digest) {
    return location + (location.indexOf('?') >= 0 ? "&" : "?") + "digest=" + digest;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Closed-loop load

  @FunctionalInterface
  interface Op {
    /**
     * One request on this thread's connection; returns the body bytes moved, or -1 (without a request) when
     * this thread has no more work; throws on a wrong answer.
     */
    long run(Http h, int thread, long i) throws IOException;
  }

  /**
   * Runs op on {@code threads} connections, each in a closed loop: a warm-up of warmSeconds whose results are
   * dropped, then requests until measureSeconds have passed or each thread has done maxPerThread of them.
   * A thread gives up after 100 errors.
   */
  static Samples load(Target target, int threads, double warmSeconds, double measureSeconds, long maxPerThread,
      Op op) throws InterruptedException {
    URI base = target.url;
    Samples s = new Samples();
    long start = System.nanoTime();
    long measureFrom = start + (long) (warmSeconds * 1e9);
    long stopAt = measureFrom + (long) (measureSeconds * 1e9);
    long[] ticksAtStart = {-1};
    Thread cpuProbe = Thread.ofPlatform().daemon().start(() -> {
      try {
        TimeUnit.NANOSECONDS.sleep(measureFrom - System.nanoTime());
        ticksAtStart[0] = cpuTicks(target.pgid);
      } catch (InterruptedException e) {
        // the load ended before its warm-up did
      }
    });
    AtomicLong lastEnd = new AtomicLong(measureFrom);
    List<Thread> workers = new ArrayList<>();
    AtomicInteger failedThreads = new AtomicInteger();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      workers.add(Thread.ofPlatform().name("load-" + t).start(() -> {
        long[] mine = new long[1024];
        int n = 0;
        long counted = 0, errors = 0;
        try (Http h = new Http(base)) {
          for (long i = 0; counted < maxPerThread && errors < 100; i++) {
            long t0 = System.nanoTime();
            if (t0 - stopAt >= 0) break;
            try {
              long moved = op.run(h, thread, i);
              if (moved < 0) break;
              long t1 = System.nanoTime();
              if (t0 - measureFrom >= 0) {
                if (n == mine.length) mine = Arrays.copyOf(mine, n * 2);
                mine[n++] = t1 - t0;
                counted++;
                s.bytes.addAndGet(moved);
                lastEnd.accumulateAndGet(t1, Math::max);
              }
            } catch (IOException | RuntimeException e) {
              errors++;
              if (t0 - measureFrom >= 0) s.errors.incrementAndGet();
              if (errors == 1) System.err.println("    error on " + Thread.currentThread().getName() + ": " + e);
              h.close();
            }
          }
        } finally {
          if (errors >= 100) failedThreads.incrementAndGet();
          s.addAll(mine, n);
        }
      }));
    }
    for (Thread w : workers) w.join();
    long ticksAtEnd = cpuTicks(target.pgid);
    cpuProbe.interrupt();
    cpuProbe.join();
    s.cpuSeconds = cpuSecondsBetween(ticksAtStart[0], ticksAtEnd);
    s.seconds = Math.max(1e-9, (lastEnd.get() - measureFrom) / 1e9);
    if (failedThreads.get() > 0) System.err.println("    " + failedThreads.get() + " thread(s) stopped after 100 errors");
    return s;
  }

  // ---------------------------------------------------------------------------------------------------------
  // The plan

  record Target(String name, URI url, long pgid) {}

  /** What one full (or quick) run measures, and in which order: push, pull, small requests, tag list. */
  static final class Plan {
    final List<Target> registries = new ArrayList<>();
    final List<Target> statics = new ArrayList<>();
    final Path staticRoot;
    final Path data;
    final long[] sizes;
    final boolean quick;
    final String runId = HexFormat.of().toHexDigits(new SplittableRandom().nextInt());
    final Results out;
    final int tagCount;
    final double smallWarm, smallMeasure;
    final int smallConcurrency = 16;
    final int rounds;

    Plan(Map<String, String> o) throws IOException {
      Map<String, Long> pgids = new LinkedHashMap<>();
      for (String[] nv : pairs(o.getOrDefault("pgids", ""))) pgids.put(nv[0], Long.parseLong(nv[1]));
      for (String[] nv : pairs(o.getOrDefault("registries", ""))) {
        registries.add(new Target(nv[0], URI.create(nv[1]), pgids.getOrDefault(nv[0], 0L)));
      }
      for (String[] nv : pairs(o.getOrDefault("static", ""))) {
        statics.add(new Target(nv[0], URI.create(nv[1]), pgids.getOrDefault(nv[0], 0L)));
      }
      clockTicksPerSecond = Long.parseLong(o.getOrDefault("clk-tck", "100"));
      staticRoot = o.containsKey("static-root") ? Path.of(o.get("static-root")) : null;
      if (!statics.isEmpty() && staticRoot == null) throw new IllegalArgumentException("--static needs --static-root");
      data = Path.of(o.getOrDefault("data", "."));
      sizes = Arrays.stream(o.getOrDefault("sizes", String.valueOf(MiB)).split(",")).mapToLong(Long::parseLong).toArray();
      quick = Boolean.parseBoolean(o.getOrDefault("quick", "false"));
      tagCount = Integer.parseInt(o.getOrDefault("tags", quick ? "1000" : "10000"));
      rounds = Integer.parseInt(o.getOrDefault("rounds", quick ? "1" : "3"));
      smallWarm = quick ? 1 : 3;
      smallMeasure = quick ? 2 : 10;
      out = new Results(o.get("out"));
    }

    static List<String[]> pairs(String spec) {
      List<String[]> list = new ArrayList<>();
      for (String item : spec.split(",")) {
        if (item.isBlank()) continue;
        int eq = item.indexOf('=');
        if (eq <= 0) throw new IllegalArgumentException("expected name=url, got " + item);
        list.add(new String[] {item.substring(0, eq), item.substring(eq + 1)});
      }
      return list;
    }

    @FunctionalInterface
    interface Measure {
      Samples run(Target t, int round) throws IOException, InterruptedException;
    }

    /**
     * Measures every target in {@link #rounds} turns, A B C A B C ..., and adds each target's rounds up, so that
     * a change in the machine's other load during the run falls on all targets alike.
     */
    Map<Target, Samples> interleaved(List<Target> targets, Measure m) throws IOException, InterruptedException {
      Map<Target, Samples> all = new LinkedHashMap<>();
      for (int round = 0; round < rounds; round++) {
        for (Target t : targets) all.merge(t, m.run(t, round), Samples::merge);
      }
      return all;
    }

    void run() throws Exception {
      long t0 = System.nanoTime();
      Map<Long, FileChannel> files = new LinkedHashMap<>();
      for (long size : sizes) {
        files.put(size, FileChannel.open(data.resolve("base-" + size + ".bin"), StandardOpenOption.READ));
      }
      try {
        pushes(files);
        pulls(files);
        smallRequests();
        tagList();
      } finally {
        for (FileChannel f : files.values()) f.close();
        out.close();
      }
      System.err.printf(Locale.ROOT, "load: done in %.0f s%n", (System.nanoTime() - t0) / 1e9);
    }

    static String size(long bytes) {
      return bytes % MiB == 0 ? bytes / MiB + " MiB" : bytes + " B";
    }

    byte[] prefix(String... parts) {
      return ("berth-bench " + runId + " " + String.join(" ", parts) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    int pushReps(long size) {
      if (quick) return size <= MiB ? 5 : 2;
      return size <= MiB ? 30 : size <= 64 * MiB ? 8 : 3;
    }

    /**
     * Blob push, sequential, each push a blob the registry has never seen (its digest computed untimed). The
     * targets take turns push by push, and dirty pages are written back before each large push, so that no
     * target pays for another's writes or meets a busier moment of the machine.
     */
    void pushes(Map<Long, FileChannel> files) throws IOException, InterruptedException {
      System.err.println("== blob push");
      double cap = quick ? 5 : 25;
      for (Mode mode : Mode.values()) {
        for (long size : sizes) {
          Map<Target, Http> active = new LinkedHashMap<>();
          Map<Target, Samples> samples = new LinkedHashMap<>();
          try {
            for (Target t : registries) {
              Http h = new Http(t.url);
              if (mode == Mode.MONOLITHIC && !supportsMonolithic(h)) {
                h.close();
                out.row(mode.op, size(size), t.name, 0, 0, 0, Double.NaN, "MB/s", Double.NaN, Double.NaN, Double.NaN,
                    "CPU-s/GB", "unsupported: POST ?digest= answers 202, a client falls back to POST+PUT");
                continue;
              }
              push(h, "bench/push", mode, Blob.of(prefix("warm", mode.name(), t.name, String.valueOf(size))));
              active.put(t, h);
              Samples s = new Samples();
              s.cpuSeconds = 0;
              samples.put(t, s);
            }
            long deadline = System.nanoTime() + (long) (cap * 1e9 * active.size());
            for (int rep = 0; rep < pushReps(size) && System.nanoTime() < deadline; rep++) {
              Blob b = new Blob(prefix(mode.name(), String.valueOf(size), String.valueOf(rep)), files.get(size));
              b.digest();
              for (var e : active.entrySet()) {
                if (rep == 0 || size >= 64 * MiB) sync();
                timedPush(e.getKey(), e.getValue(), mode, b, samples.get(e.getKey()));
              }
            }
          } finally {
            active.values().forEach(Http::close);
          }
          samples.forEach((t, s) -> out.row(mode.op, size(size), t.name, s, "MB/s", ""));
        }
      }
    }

    static void timedPush(Target t, Http h, Mode mode, Blob b, Samples s) {
      long ticks0 = cpuTicks(t.pgid);
      long start = System.nanoTime();
      try {
        push(h, "bench/push", mode, b);
        long took = System.nanoTime() - start;
        s.add(took);
        s.seconds += took / 1e9;
        s.bytes.addAndGet(b.length());
      } catch (IOException e) {
        s.errors.incrementAndGet();
        System.err.println("    " + t.name + ": " + e.getMessage());
        h.close();
      }
      s.cpuSeconds += cpuSecondsBetween(ticks0, cpuTicks(t.pgid));
    }

    /** Probes with a 1 KiB blob whether POST ?digest= with a body completes the upload (201). */
    boolean supportsMonolithic(Http h) throws IOException {
      Blob probe = Blob.of(prefix("probe", String.valueOf(System.nanoTime()), "x".repeat(1000)));
      Response r = h.send("POST", "/v2/bench/push/blobs/uploads/?digest=" + probe.digest(), probe.whole(), OCTET);
      if (r.status == 201) return true;
      if (r.status == 202) return false;
      throw new UnexpectedStatus("monolithic probe", r);
    }

    /** Writes dirty pages back so that one measurement does not pay for the previous one's writes. */
    static void sync() throws InterruptedException {
      try {
        Process p = new ProcessBuilder("sync").inheritIO().start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) p.destroyForcibly();
      } catch (IOException e) {
        // no sync(1): measure anyway
      }
    }

    /** Blob pull at concurrency 1 and 8; nginx serves the same bytes from a file with sendfile. */
    void pulls(Map<Long, FileChannel> files) throws IOException, InterruptedException {
      System.err.println("== blob pull");
      Map<Long, Blob> blobs = new LinkedHashMap<>();
      for (long size : sizes) {
        Blob b = new Blob(new byte[0], files.get(size));
        blobs.put(size, b);
        for (Target t : registries) {
          try (Http h = new Http(t.url)) {
            push(h, "bench/pull", Mode.POST_PUT, b);
          }
        }
        if (staticRoot != null) {
          Path link = staticRoot.resolve("v2/bench/pull/blobs/" + b.digest());
          Files.createDirectories(link.getParent());
          Files.deleteIfExists(link);
          Files.createSymbolicLink(link, data.resolve("base-" + size + ".bin").toAbsolutePath());
        }
      }
      List<Target> targets = new ArrayList<>(registries);
      targets.addAll(statics);
      double cap = quick ? 2 : 8, warm = quick ? 0.5 : 1;
      for (long size : sizes) {
        String path = "/v2/bench/pull/blobs/" + blobs.get(size).digest();
        for (Target t : targets) verifyPull(t, path, blobs.get(size));
      }
      for (int concurrency : new int[] {1, 8}) {
        for (long size : sizes) {
          String path = "/v2/bench/pull/blobs/" + blobs.get(size).digest();
          long reps = quick ? Math.max(3, 64 * MiB / size) : Math.max(6, 1024 * MiB / size);
          Map<Target, Samples> results = interleaved(targets, (t, round) -> load(t, concurrency, round == 0 ? warm : 0,
              cap / rounds, (reps + rounds - 1) / rounds, (h, thread, i) -> {
                Response r = h.send("GET", path, null).expect(200, "GET blob");
                if (r.bodyBytes != size) throw new IOException("GET blob: " + r.bodyBytes + " B, expected " + size);
                return r.bodyBytes;
              }));
          results.forEach((t, s) -> out.row("pull blob c=" + concurrency, size(size), t.name, s, "MB/s", ""));
        }
      }
    }

    static void verifyPull(Target t, String path, Blob b) throws IOException {
      try (Http h = new Http(t.url)) {
        MessageDigest md = sha256();
        h.exchange("GET", path, null, new String[0], false, md).expect(200, t.name + " GET blob");
        String got = "sha256:" + HexFormat.of().formatHex(md.digest());
        if (!got.equals(b.digest())) throw new IOException(t.name + " served " + got + " for " + b.digest());
      }
    }

    record Image(Blob config, Blob layer, byte[] manifest) {}

    Image image(String name) {
      SplittableRandom random = new SplittableRandom();
      byte[] layer = new byte[4096];
      random.nextBytes(layer);
      Blob config = Blob.of(("{\"architecture\":\"amd64\",\"os\":\"linux\",\"author\":\"berth-bench " + runId + " " + name
          + "\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}").getBytes(StandardCharsets.UTF_8));
      Blob layerBlob = Blob.of(layer);
      return new Image(config, layerBlob, manifest(config, layerBlob, name));
    }

    static byte[] manifest(Blob config, Blob layer, String annotation) {
      try {
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
            + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + config.digest() + "\",\"size\":"
            + config.length() + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
            + "\"digest\":\"" + layer.digest() + "\",\"size\":" + layer.length() + "}],\"annotations\":"
            + "{\"dev.berth.bench\":\"" + annotation + "\"}}").getBytes(StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    static void pushImage(Http h, String repo, Image img, String tag) throws IOException {
      push(h, repo, Mode.POST_PUT, img.config);
      push(h, repo, Mode.POST_PUT, img.layer);
      h.send("PUT", "/v2/" + repo + "/manifests/" + tag, new Bytes(img.manifest), "Content-Type: " + OCI_MANIFEST)
          .expect(201, "PUT manifest");
    }

    /** HEAD blob, GET manifest by tag, PUT manifest: many small requests on 16 connections. */
    void smallRequests() throws IOException, InterruptedException {
      System.err.println("== small requests (" + smallConcurrency + " connections)");
      Image img = image("small");
      String repo = "bench/small";
      for (Target t : registries) {
        try (Http h = new Http(t.url)) {
          pushImage(h, repo, img, "latest");
        }
      }
      if (staticRoot != null) {
        Path dir = staticRoot.resolve("v2/" + repo);
        Files.createDirectories(dir.resolve("blobs"));
        Files.createDirectories(dir.resolve("manifests"));
        Files.write(dir.resolve("blobs/" + img.layer.digest()), img.layer.prefix);
        Files.write(dir.resolve("manifests/latest"), img.manifest);
      }
      List<Target> all = new ArrayList<>(registries);
      all.addAll(statics);
      String blobPath = "/v2/" + repo + "/blobs/" + img.layer.digest();
      smallLoad(all, (h, t, thread, i) -> h.send("HEAD", blobPath, null).expect(200, "HEAD blob").bodyBytes)
          .forEach((t, s) -> out.row("HEAD blob", "4 KiB blob", t.name, s, "req/s", ""));
      String manifestPath = "/v2/" + repo + "/manifests/latest";
      smallLoad(all, (h, t, thread, i) ->
          h.send("GET", manifestPath, null, "Accept: " + OCI_MANIFEST).expect(200, "GET manifest").bodyBytes)
          .forEach((t, s) -> out.row("GET manifest by tag", img.manifest.length + " B manifest", t.name, s, "req/s", ""));
      AtomicLong unique = new AtomicLong();
      smallLoad(registries, (h, t, thread, i) -> {
        byte[] m = manifest(img.config, img.layer, t.name + "-" + unique.incrementAndGet());
        h.send("PUT", "/v2/" + repo + "/manifests/put-" + thread, new Bytes(m), "Content-Type: " + OCI_MANIFEST)
            .expect(201, "PUT manifest");
        return 0;
      }).forEach((t, s) -> out.row("PUT manifest", "new manifest, 16 tags", t.name, s, "req/s", ""));
    }

    @FunctionalInterface
    interface TargetOp {
      long run(Http h, Target t, int thread, long i) throws IOException;
    }

    /** A small-request load on every target, interleaved in rounds: full warm-up in the first, a short one after. */
    Map<Target, Samples> smallLoad(List<Target> targets, TargetOp op) throws IOException, InterruptedException {
      return interleaved(targets, (t, round) -> load(t, smallConcurrency, round == 0 ? smallWarm : 0.5,
          smallMeasure / rounds, 5_000_000, (h, thread, i) -> op.run(h, t, thread, i)));
    }

    static final Pattern TAG = Pattern.compile("\"t\\d{5}\"");

    /** Pushes tagCount tags of one manifest, then times the tag list with n=tagCount and unpaginated. */
    void tagList() throws IOException, InterruptedException {
      System.err.println("== tag list (" + tagCount + " tags)");
      Image img = image("tags");
      String repo = "bench/tags";
      double pushCap = quick ? 60 : 120, listCap = quick ? 3 : 15;
      int listReps = quick ? 5 : 100;
      Map<Target, Integer> pushed = new LinkedHashMap<>();
      for (Target t : registries) {
        try (Http h = new Http(t.url)) {
          pushImage(h, repo, img, "t00000");
        }
        AtomicInteger next = new AtomicInteger(1);
        Samples s = load(t, 8, 0, pushCap, tagCount, (h, thread, i) -> {
          int n = next.getAndIncrement();
          if (n >= tagCount) return -1;
          h.send("PUT", "/v2/" + repo + "/manifests/" + String.format(Locale.ROOT, "t%05d", n), new Bytes(img.manifest),
              "Content-Type: " + OCI_MANIFEST).expect(201, "PUT tag");
          return 0;
        });
        pushed.put(t, Math.min(next.get(), tagCount));
        out.row("PUT manifest, new tag", "same manifest", t.name, s, "req/s",
            pushed.get(t) < tagCount ? "only " + pushed.get(t) + " tags within " + (int) pushCap + " s" : tagCount + " tags");
      }
      for (String query : new String[] {"?n=" + tagCount, ""}) {
        String path = "/v2/" + repo + "/tags/list" + query;
        Map<Target, Integer> seen = new ConcurrentHashMap<>();
        Map<Target, Boolean> linked = new ConcurrentHashMap<>();
        Map<Target, Samples> results = interleaved(registries, (t, round) -> load(t, 1, round == 0 ? (quick ? 0.2 : 1) : 0,
            listCap / rounds, (listReps + rounds - 1) / rounds, (h, thread, i) -> {
              Response r = h.fetch("GET", path).expect(200, "GET tags/list");
              Matcher m = TAG.matcher(new String(r.body, StandardCharsets.ISO_8859_1));
              int count = 0;
              while (m.find()) count++;
              seen.put(t, count);
              if (r.header("link") != null) linked.put(t, true);
              return r.bodyBytes;
            }));
        results.forEach((t, l) -> out.row("GET tags/list", query.isEmpty() ? "unpaginated" : "n=" + tagCount, t.name, l,
            "req/s", "returned " + seen.getOrDefault(t, 0) + " of " + pushed.get(t) + " tags"
                + (linked.containsKey(t) ? ", with Link" : "")));
      }
    }
  }
}
