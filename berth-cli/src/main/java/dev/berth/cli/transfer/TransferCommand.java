package dev.berth.cli.transfer;

import dev.berth.cli.image.Platform;
import dev.berth.cli.registry.RegistryException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What push, pull and copy share: the options, the progress display, and the exit codes (0 done, 1 failed with a
 * message on stderr, 2 for usage errors, which picocli reports).
 */
abstract class TransferCommand implements Callable<Integer> {
    @Mixin
    TransferOptions options;

    @Spec
    CommandSpec spec;

    /** Opens source and target and runs the transfer; exceptions are turned into messages by {@link #call}. */
    abstract Transfer.Result transfer(TransferListenerFactory progress) throws IOException;

    /** Builds the progress display once the target's verb is known. */
    interface TransferListenerFactory {
        TransferListener forVerb(String verb);
    }

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean interactive = TerminalProgress.isInteractive();
        TerminalProgress[] terminal = new TerminalProgress[1];
        try {
            Transfer.Result result = transfer(verb -> {
                if (interactive) {
                    terminal[0] = new TerminalProgress(out, verb);
                    return terminal[0];
                }
                return new PlainProgress(out, verb);
            });
            if (terminal[0] != null) {
                terminal[0].end();
            }
            out.println(result.location());
            out.println(result.transferred() + " blobs transferred (" + Sizes.format(result.bytes()) + " sent), "
                    + result.skipped() + " skipped, " + result.mounted() + " mounted");
            out.flush();
            return 0;
        } catch (RegistryException | IllegalArgumentException e) {
            return fail(err, terminal[0], e.getMessage());
        } catch (NoSuchFileException e) {
            return fail(err, terminal[0], e.getFile() + ": no such file or directory");
        } catch (IOException e) {
            return fail(err, terminal[0], e.getMessage());
        } catch (UncheckedIOException e) {
            return fail(err, terminal[0], e.getMessage());
        } catch (RuntimeException e) {
            return fail(err, terminal[0], "unexpected failure: " + e);
        }
    }

    private int fail(PrintWriter err, TerminalProgress terminal, String message) {
        if (terminal != null) {
            terminal.end();
        }
        err.println("berth " + spec.name() + ": " + message);
        err.flush();
        return 1;
    }

    Transfer newTransfer(Platform platform, TransferListener listener) {
        return new Transfer(options.jobs, platform, listener);
    }

    static Platform platform(String text) {
        return text == null ? null : Platform.parse(text);
    }
}
