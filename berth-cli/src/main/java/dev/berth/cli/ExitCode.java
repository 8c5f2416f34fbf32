package dev.berth.cli;

/**
 * The exit codes of the client commands, one per kind of failure a script may want to tell apart (documented in
 * {@code docs/cli.md}). 2 is picocli's code for a command line it cannot parse.
 */
public enum ExitCode {
    OK(0),
    /** Anything not listed below; also the credential helper's "credentials not found". */
    ERROR(1),
    USAGE(2),
    /** {@code berth scan --fail-on}: the findings exceed a threshold. */
    SCAN_GATE_FAILED(3),
    /** No OIDC token source and no AWS credentials were found. */
    NO_CREDENTIALS(4),
    /** The identity token was refused: expired, wrong audience, unknown issuer, bad signature. */
    TOKEN_REJECTED(5),
    /** The role does not exist or its trust policy does not admit the token; or an ECR call was denied. */
    ACCESS_DENIED(6),
    /** The repository, image, lifecycle policy or scan does not exist. */
    NOT_FOUND(7),
    /** The registry could not be reached, or answered something that is not its API. */
    UNREACHABLE(8);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
