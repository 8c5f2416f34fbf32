package dev.berth.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The signature claims of one request, read from the {@code Authorization} header or from a presigned URL's
 * {@code X-Amz-*} query parameters, before anything is checked against a secret.
 *
 * @param signedHeaders the lower-cased names of {@code SignedHeaders}, in the order given
 * @param signedHeadersText {@code SignedHeaders} exactly as sent (the fifth line of the canonical request)
 * @param amzDate the request time as sent, {@code yyyyMMdd'T'HHmmss'Z'}
 * @param expires a presigned URL's {@code X-Amz-Expires}, or {@code null}
 * @param securityToken {@code X-Amz-Security-Token}, or {@code null}
 */
record SigV4Authorization(CredentialScope credential, List<String> signedHeaders, String signedHeadersText,
        String signature, String amzDate, Instant requestTime, Duration expires, String securityToken,
        boolean presigned) {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    static final long MAX_EXPIRES_SECONDS = 604_800;

    /** True when the request carries any SigV4 authentication (header or query form). */
    static boolean present(IncomingRequest request, QueryParameters query) {
        return request.headers().contains("Authorization") || query.contains("X-Amz-Algorithm")
                || query.contains("X-Amz-Signature") || query.contains("X-Amz-Credential");
    }

    static SigV4Authorization parse(IncomingRequest request, QueryParameters query) {
        boolean header = request.headers().contains("Authorization");
        boolean presigned = query.contains("X-Amz-Algorithm");
        if (header && presigned) {
            throw SigV4Exception.incomplete("Only one auth mechanism allowed; only the X-Amz-Algorithm query"
                    + " parameter or the Authorization header should be specified");
        }
        if (header) {
            return fromHeader(request);
        }
        if (present(request, query)) {
            return fromQuery(query);
        }
        throw new SigV4Exception(SigV4Error.MISSING_AUTHENTICATION_TOKEN, SigV4Exception.MISSING_TOKEN);
    }

    private static SigV4Authorization fromHeader(IncomingRequest request) {
        Headers headers = request.headers();
        String value = single(headers.all("Authorization"), "Authorization header").strip();
        int space = indexOfWhitespace(value);
        String algorithm = space < 0 ? value : value.substring(0, space);
        if (!algorithm.equals(ALGORITHM)) {
            throw SigV4Exception.incomplete("Unsupported AWS 'algorithm': '" + CredentialScope.printable(algorithm)
                    + "'; only " + ALGORITHM + " is accepted");
        }
        Map<String, String> fields = fields(space < 0 ? "" : value.substring(space + 1));
        StringBuilder missing = new StringBuilder();
        for (String name : List.of("Credential", "Signature", "SignedHeaders")) {
            if (!fields.containsKey(name)) {
                missing.append("Authorization header requires '").append(name).append("' parameter. ");
            }
        }
        List<String> amzDates = headers.all("X-Amz-Date");
        List<String> dates = headers.all("Date");
        if (amzDates.isEmpty() && dates.isEmpty()) {
            missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }
        if (!missing.isEmpty()) {
            throw SigV4Exception.incomplete(missing.toString().strip());
        }
        Instant time = amzDates.isEmpty()
                ? httpDate(single(dates, "Date header")) : amzDate(single(amzDates, "X-Amz-Date header"));
        List<String> tokens = headers.all("X-Amz-Security-Token");
        return new SigV4Authorization(CredentialScope.parse(fields.get("Credential")),
                signedHeaders(fields.get("SignedHeaders")), fields.get("SignedHeaders"), fields.get("Signature"),
                AMZ_DATE.format(time), time, null, tokens.isEmpty() ? null : single(tokens, "X-Amz-Security-Token"),
                false);
    }

    private static SigV4Authorization fromQuery(QueryParameters query) {
        StringBuilder missing = new StringBuilder();
        for (String name : List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders",
                "X-Amz-Date")) {
            if (query.count(name) == 0) {
                missing.append("AWS query-string parameters must include '").append(name).append("'. ");
            } else if (query.count(name) > 1) {
                throw SigV4Exception.incomplete("AWS query-string parameter '" + name + "' appears more than once.");
            }
        }
        if (!missing.isEmpty()) {
            throw SigV4Exception.incomplete(missing + "Re-examine the query-string parameters.");
        }
        String algorithm = query.first("X-Amz-Algorithm").orElseThrow();
        if (!algorithm.equals(ALGORITHM)) {
            throw SigV4Exception.incomplete("X-Amz-Algorithm only supports \"" + ALGORITHM + "\"");
        }
        Duration expires = null;
        if (query.contains("X-Amz-Expires")) {
            if (query.count("X-Amz-Expires") > 1) {
                throw SigV4Exception.incomplete("AWS query-string parameter 'X-Amz-Expires' appears more than once.");
            }
            expires = expires(query.first("X-Amz-Expires").orElseThrow());
        }
        if (query.count("X-Amz-Security-Token") > 1) {
            throw SigV4Exception.incomplete(
                    "AWS query-string parameter 'X-Amz-Security-Token' appears more than once.");
        }
        String signedHeadersText = query.first("X-Amz-SignedHeaders").orElseThrow();
        Instant time = amzDate(query.first("X-Amz-Date").orElseThrow());
        return new SigV4Authorization(CredentialScope.parse(query.first("X-Amz-Credential").orElseThrow()),
                signedHeaders(signedHeadersText), signedHeadersText, query.first("X-Amz-Signature").orElseThrow(),
                AMZ_DATE.format(time), time, expires, query.first("X-Amz-Security-Token").orElse(null), true);
    }

    /** {@code Credential=..., SignedHeaders=..., Signature=...}: comma-separated, blanks around parts ignored. */
    private static Map<String, String> fields(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : text.split(",", -1)) {
            String p = part.strip();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw SigV4Exception.incomplete("'" + CredentialScope.printable(p) + "' not a valid key=value pair"
                        + " (missing equal-sign) in Authorization header");
            }
            if (fields.put(p.substring(0, eq), p.substring(eq + 1)) != null) {
                throw SigV4Exception.incomplete("Authorization header has '" + CredentialScope.printable(
                        p.substring(0, eq)) + "' more than once");
            }
        }
        return fields;
    }

    private static List<String> signedHeaders(String text) {
        List<String> names = new ArrayList<>();
        for (String name : text.split(";", -1)) {
            if (name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c >= 0x7f || c == ':')) {
                throw SigV4Exception.incomplete("SignedHeaders is not a ';'-separated list of header names: '"
                        + CredentialScope.printable(text) + "'");
            }
            names.add(name.toLowerCase(Locale.ROOT));
        }
        if (!names.contains("host")) {
            throw SigV4Exception.mismatch("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        return List.copyOf(names);
    }

    static Instant amzDate(String text) {
        try {
            return ZonedDateTime.parse(text, AMZ_DATE).toInstant();
        } catch (DateTimeParseException e) {
            throw SigV4Exception.incomplete("Date must be in ISO-8601 'basic format'. Got '"
                    + CredentialScope.printable(text) + "'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
    }

    private static Instant httpDate(String text) {
        try {
            return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw SigV4Exception.incomplete("Date header is not an RFC 1123 date: '"
                    + CredentialScope.printable(text) + "'");
        }
    }

    private static Duration expires(String text) {
        long seconds;
        try {
            seconds = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw SigV4Exception.incomplete("X-Amz-Expires should be a number");
        }
        if (seconds < 0) {
            throw SigV4Exception.incomplete("X-Amz-Expires must be non-negative");
        }
        if (seconds > MAX_EXPIRES_SECONDS) {
            throw SigV4Exception.incomplete("X-Amz-Expires must be less than a week (in seconds) that is 604800");
        }
        return Duration.ofSeconds(seconds);
    }

    private static String single(List<String> values, String what) {
        if (values.size() != 1) {
            throw SigV4Exception.incomplete(what + " appears more than once");
        }
        return values.get(0);
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
