package dev.berth.cli;

import dev.berth.cli.aws.AwsErrors;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The base of every client command: runs {@link #execute()} and turns a failure into one line on stderr and its
 * exit code, instead of a stack trace. AWS SDK errors that the command did not translate itself get the generic
 * translation of {@link AwsErrors}.
 */
public abstract class ClientCommand implements Callable<Integer> {
    protected final Environment env;

    protected ClientCommand(Environment env) {
        this.env = env;
    }

    protected abstract ExitCode execute();

    @Override
    public final Integer call() {
        try {
            return execute().code();
        } catch (CliException e) {
            return fail(e);
        } catch (SdkException e) {
            return fail(AwsErrors.translate(e));
        } catch (UncheckedIOException | IllegalStateException e) {
            return fail(new CliException(ExitCode.ERROR, e.getMessage(), e));
        }
    }

    private int fail(CliException e) {
        env.err().println("berth: " + e.getMessage());
        return e.exitCode().code();
    }
}
