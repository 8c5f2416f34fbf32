package dev.berth.api.ecr;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque pagination tokens: the cursor of the last item returned, tagged with the operation it belongs to and
 * base64url-encoded. Stable for the same query (a cursor, not an offset), so a page after concurrent changes starts
 * where the previous one ended. A token from another operation or altered by hand is InvalidParameterException.
 */
final class PageTokens {
    private PageTokens() {}

    static String encode(String operation, String cursor) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((operation + "\n" + cursor).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor in a token, or null when there is none. */
    static String decode(String operation, String token) {
        if (token == null) {
            return null;
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (!text.startsWith(operation + "\n")) {
            throw invalid();
        }
        return text.substring(operation.length() + 1);
    }

    private static RuntimeException invalid() {
        return EcrErrors.invalidParameter("Invalid parameter at 'nextToken' failed to satisfy constraint:"
                + " 'not a token this operation issued'");
    }
}
