package dev.berth.identity;

import dev.berth.iam.Arn;
import dev.berth.iam.InvalidArnException;
import java.util.regex.Pattern;

/**
 * Checks request values against the IAM model's constraints (length, range, pattern, required) and reports the first
 * violation as AWS does: {@code ValidationError} "1 validation error detected: Value 'x' at 'roleName' failed to
 * satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+". Field names are the model's
 * member names in lower camel case, list members as {@code tags.1.member.key}.
 */
final class Inputs {
    static final Pattern NAME = Pattern.compile("[\\w+=,.@-]+");
    static final Pattern PATH = Pattern.compile("(/)|(/[\\u0021-\\u007E]+/)");
    static final Pattern PATH_PREFIX = Pattern.compile("/[\\u0021-\\u007F]*");
    static final Pattern POLICY_PATH = Pattern.compile("((/[A-Za-z0-9.,+@=_-]+)*)/");
    static final Pattern DOCUMENT = Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
    static final Pattern DESCRIPTION = Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*");
    static final Pattern MARKER = Pattern.compile("[\\u0020-\\u00FF]+");
    static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
    static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private Inputs() {}

    static <T> T required(String field, T value) {
        if (value == null) {
            throw new IamException(IamError.VALIDATION_ERROR,
                    "1 validation error detected: Value null at '" + field + "' failed to satisfy constraint: "
                            + "Member must not be null");
        }
        return value;
    }

    /** A required string of {@code min..max} characters matching {@code pattern} (null: no pattern). */
    static String text(String field, String value, int min, int max, Pattern pattern) {
        required(field, value);
        int length = value.codePointCount(0, value.length());
        if (length < min) {
            throw invalid(field, value, "Member must have length greater than or equal to " + min);
        }
        if (length > max) {
            throw invalid(field, value, "Member must have length less than or equal to " + max);
        }
        if (pattern != null && !pattern.matcher(value).matches()) {
            throw invalid(field, value, "Member must satisfy regular expression pattern: " + pattern.pattern());
        }
        return value;
    }

    /** A policy document: like {@link #text}, but never echoed back (it can be 128 KiB). */
    static String document(String field, String document) {
        required(field, document);
        String problem = document.isEmpty() ? "Member must have length greater than or equal to 1"
                : document.length() > IamLimits.POLICY_DOCUMENT_LENGTH
                ? "Member must have length less than or equal to " + IamLimits.POLICY_DOCUMENT_LENGTH
                : !DOCUMENT.matcher(document).matches()
                ? "Member must satisfy regular expression pattern: " + DOCUMENT.pattern()
                : null;
        if (problem != null) {
            throw new IamException(IamError.VALIDATION_ERROR, "1 validation error detected: Value at '" + field
                    + "' failed to satisfy constraint: " + problem);
        }
        return document;
    }

    static int range(String field, int value, int min, int max) {
        if (value < min) {
            throw invalid(field, Integer.toString(value), "Member must have value greater than or equal to " + min);
        }
        if (value > max) {
            throw invalid(field, Integer.toString(value), "Member must have value less than or equal to " + max);
        }
        return value;
    }

    static int listSize(String field, int size, int max) {
        if (size > max) {
            throw new IamException(IamError.VALIDATION_ERROR, "1 validation error detected: Value at '" + field
                    + "' failed to satisfy constraint: Member must have length less than or equal to " + max);
        }
        return size;
    }

    static String roleName(String roleName) {
        return text("roleName", roleName, 1, 64, NAME);
    }

    static String policyName(String policyName) {
        return text("policyName", policyName, 1, 128, NAME);
    }

    /** {@code MaxItems}: the default when absent, else 1..1000. */
    static int maxItems(Integer maxItems) {
        return maxItems == null ? IamLimits.DEFAULT_MAX_ITEMS : range("maxItems", maxItems, 1, IamLimits.MAX_ITEMS);
    }

    /** {@code Marker}: null when absent. */
    static String marker(String marker) {
        return marker == null ? null : text("marker", marker, 1, 320, MARKER);
    }

    /** An ARN parameter: 20..2048 characters, then well-formed ({@code InvalidInput} "ARN x is not valid." if not). */
    static Arn arn(String field, String text) {
        text(field, text, 20, 2048, null);
        try {
            return Arn.parse(text);
        } catch (InvalidArnException e) {
            throw new IamException(IamError.INVALID_INPUT, "ARN " + text + " is not valid.");
        }
    }

    private static IamException invalid(String field, String value, String constraint) {
        return new IamException(IamError.VALIDATION_ERROR, "1 validation error detected: Value '" + value + "' at '"
                + field + "' failed to satisfy constraint: " + constraint);
    }
}
