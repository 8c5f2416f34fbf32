package dev.berth.cli.aws;

import dev.berth.cli.CliException;
import dev.berth.cli.ExitCode;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The generic translation of an AWS SDK failure into a {@link CliException}: the service's error code and message,
 * an exit code by kind, and what to do next. Commands translate the errors they know better themselves first.
 */
public final class AwsErrors {
    private static final Set<String> NOT_FOUND = Set.of("RepositoryNotFoundException", "ImageNotFoundException",
            "LifecyclePolicyNotFoundException", "LifecyclePolicyPreviewNotFoundException", "ScanNotFoundException",
            "RepositoryPolicyNotFoundException");
    private static final Set<String> DENIED = Set.of("AccessDenied", "AccessDeniedException");
    private static final Set<String> BAD_CREDENTIALS = Set.of("ExpiredToken", "ExpiredTokenException",
            "UnrecognizedClientException", "InvalidClientTokenId", "InvalidSignatureException",
            "SignatureDoesNotMatch", "IncompleteSignature", "MissingAuthenticationToken");

    private AwsErrors() {
    }

    /** The service's error code, or empty when the failure happened on the client side. */
    public static String code(SdkException e) {
        return e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null ? service.awsErrorDetails().errorCode() : "";
    }

    /** The service's own message, without the SDK's "(Service: …, Status Code: …, Request ID: …)" suffix. */
    public static String message(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorMessage() != null) {
            return service.awsErrorDetails().errorMessage();
        }
        return e.getMessage();
    }

    public static CliException translate(SdkException e) {
        String code = code(e);
        String message = message(e);
        if (e instanceof SdkClientException) {
            return new CliException(ExitCode.UNREACHABLE, "cannot reach the registry: " + message
                    + " (check --registry / BERTH_REGISTRY and that Berth is running)", e);
        }
        if (NOT_FOUND.contains(code)) {
            return new CliException(ExitCode.NOT_FOUND, code + ": " + message, e);
        }
        if (DENIED.contains(code)) {
            return new CliException(ExitCode.ACCESS_DENIED, code + ": " + message
                    + " (the credentials' policies do not allow this: use a role that does)", e);
        }
        if (BAD_CREDENTIALS.contains(code)) {
            return new CliException(ExitCode.NO_CREDENTIALS, code + ": " + message
                    + " (the AWS credentials are expired or unknown to this registry: run berth login again)", e);
        }
        return new CliException(ExitCode.ERROR, (code.isEmpty() ? "" : code + ": ") + message, e);
    }
}
