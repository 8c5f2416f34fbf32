package dev.berth.auth;

import java.util.regex.Pattern;

/**
 * The {@code Credential} of a SigV4 request: {@code <AccessKeyId>/<yyyymmdd>/<region>/<service>/aws4_request}.
 * Parsed strictly; a malformed value is an {@code IncompleteSignature}, a wrong terminator or an unusable region
 * a {@code SignatureDoesNotMatch}, as AWS reports them.
 */
record CredentialScope(String accessKeyId, String date, String region, String service) {
    static final String TERMINATOR = "aws4_request";
    private static final Pattern DATE = Pattern.compile("\\d{8}");
    private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern SERVICE = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Za-z0-9]{1,128}");

    static CredentialScope parse(String credential) {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5) {
            throw SigV4Exception.incomplete("Credential must have exactly 5 slash-delimited elements, e.g."
                    + " keyid/date/region/service/term, got '" + printable(credential) + "'");
        }
        if (!ACCESS_KEY_ID.matcher(parts[0]).matches()) {
            throw SigV4Exception.incomplete("Credential has an invalid access key id: '" + printable(parts[0]) + "'");
        }
        if (!DATE.matcher(parts[1]).matches()) {
            throw SigV4Exception.incomplete("Credential should be scoped to a valid date (yyyyMMdd), not '"
                    + printable(parts[1]) + "'.");
        }
        if (!REGION.matcher(parts[2]).matches()) {
            throw SigV4Exception.mismatch("Credential should be scoped to a valid region, not '"
                    + printable(parts[2]) + "'.");
        }
        if (!SERVICE.matcher(parts[3]).matches()) {
            throw SigV4Exception.mismatch("Credential should be scoped to a valid service, not '"
                    + printable(parts[3]) + "'.");
        }
        if (!parts[4].equals(TERMINATOR)) {
            throw SigV4Exception.mismatch("Credential should be scoped with a valid terminator: 'aws4_request', not '"
                    + printable(parts[4]) + "'.");
        }
        return new CredentialScope(parts[0], parts[1], parts[2], parts[3]);
    }

    /** {@code <yyyymmdd>/<region>/<service>/aws4_request}, the third line of the string to sign. */
    String scope() {
        return date + "/" + region + "/" + service + "/" + TERMINATOR;
    }

    /** Client text echoed in a message: at most 128 characters, control characters replaced. */
    static String printable(String text) {
        String cut = text.length() > 128 ? text.substring(0, 128) + "..." : text;
        return cut.replaceAll("[\\p{Cntrl}]", "?");
    }
}
