package dev.berth.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an error response into a {@link RegistryException} whose message says what to do next. The body is read
 * as the distribution spec's envelope {@code {"errors":[{"code","message","detail"}]}}; anything else is shown as
 * the HTTP status alone (a proxy's HTML page helps nobody).
 */
final class RegistryErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryErrors() {
    }

    /** An OCI error entry. */
    record OciError(String code, String message) {
        @Override
        public String toString() {
            return message.isEmpty() ? code : code + ": " + message;
        }
    }

    /**
     * @param action what was attempted, e.g. "push sha256:... to team/app", for the message
     * @param context the registry and where its credentials came from, for the hints
     */
    static RegistryException failure(int status, byte[] body, String action, AuthContext context) {
        List<OciError> errors = decode(body);
        String codes = errors.isEmpty() ? "HTTP " + status : "HTTP " + status + ", " + join(errors);
        String registry = context.registry();
        return switch (status) {
            case 401 -> new RegistryException(RegistryException.Kind.AUTHENTICATION, status,
                    "cannot " + action + ": " + registry + " refused the credentials (" + codes + "). "
                            + context.credentialHint());
            case 403 -> new RegistryException(RegistryException.Kind.DENIED, status,
                    "cannot " + action + ": access denied by " + registry + " (" + codes + "). The credentials "
                            + "are valid but not allowed this; ask for a role or policy that allows it.");
            case 404 -> new RegistryException(RegistryException.Kind.NOT_FOUND, status,
                    "cannot " + action + ": " + notFound(errors) + " at " + registry + " (" + codes + ")");
            case 400, 405, 409, 411, 413, 415, 416 -> new RegistryException(RegistryException.Kind.INVALID, status,
                    "cannot " + action + ": " + registry + " rejected the request (" + codes + ")");
            default -> status >= 500
                    ? new RegistryException(RegistryException.Kind.SERVER, status,
                            "cannot " + action + ": " + registry + " failed (" + codes + "); try again later")
                    : new RegistryException(RegistryException.Kind.OTHER, status,
                            "cannot " + action + ": unexpected answer from " + registry + " (" + codes + ")");
        };
    }

    private static String notFound(List<OciError> errors) {
        for (OciError e : errors) {
            switch (e.code()) {
                case "NAME_UNKNOWN":
                    return "the repository does not exist";
                case "MANIFEST_UNKNOWN":
                    return "no such image";
                case "BLOB_UNKNOWN":
                    return "no such blob";
                case "BLOB_UPLOAD_UNKNOWN":
                    return "the upload session is gone";
                default:
                    break;
            }
        }
        return "not found";
    }

    static List<OciError> decode(byte[] body) {
        List<OciError> out = new ArrayList<>();
        if (body == null || body.length == 0) {
            return out;
        }
        try {
            JsonNode root = JSON.readTree(body);
            for (JsonNode e : root.path("errors")) {
                String code = e.path("code").asText("");
                if (!code.isEmpty()) {
                    out.add(new OciError(code, e.path("message").asText("")));
                }
            }
        } catch (IOException e) {
            // not JSON: the status alone is reported
        }
        return out;
    }

    private static String join(List<OciError> errors) {
        StringBuilder sb = new StringBuilder();
        for (OciError e : errors) {
            sb.append(sb.isEmpty() ? "" : "; ").append(e);
        }
        return sb.toString();
    }
}
