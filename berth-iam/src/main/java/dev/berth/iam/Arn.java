package dev.berth.iam;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An Amazon Resource Name, {@code arn:partition:service:region:account-id:resource}. Immutable; {@link #parse} is the
 * only way in from text and is strict: six colon-separated parts, a known partition shape, a lower-case service,
 * an empty or lower-case region, an account that is empty, twelve digits or {@code aws} (AWS-managed policies), and
 * a non-empty resource without whitespace. Wildcards are refused: a concrete ARN names one thing (patterns live in
 * policies, see {@link ArnPattern}). The resource part may itself contain colons and slashes.
 */
public record Arn(String partition, String service, String region, String account, String resource) {
    private static final Pattern PARTITION = Pattern.compile("aws(-[a-z]+)*");
    private static final Pattern SERVICE = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern REGION = Pattern.compile("([a-z0-9]+(-[a-z0-9]+)*)?");
    private static final Pattern ACCOUNT = Pattern.compile("(\\d{12}|aws)?");

    public Arn {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(resource, "resource");
        String text = "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource;
        check(PARTITION.matcher(partition).matches(), text, "partition '" + partition + "' is not aws[-x]");
        check(SERVICE.matcher(service).matches(), text, "service '" + service + "' is not a service name");
        check(REGION.matcher(region).matches(), text, "region '" + region + "' is not a region name");
        check(ACCOUNT.matcher(account).matches(), text, "account '" + account + "' is not a 12-digit account id");
        check(!resource.isEmpty(), text, "resource is empty");
        for (int i = 0; i < resource.length(); i++) {
            char c = resource.charAt(i);
            check(c > ' ' && c != 0x7f, text, "resource contains whitespace or control characters");
            check(c != '*' && c != '?', text, "a concrete ARN has no wildcards");
        }
    }

    /** Parses {@code arn:partition:service:region:account:resource}; throws {@link InvalidArnException}. */
    public static Arn parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] parts = text.split(":", 6);
        if (parts.length < 6) {
            throw new InvalidArnException(text, "expected arn:partition:service:region:account:resource");
        }
        check(parts[0].equals("arn"), text, "does not start with 'arn:'");
        return new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]);
    }

    /** True when {@code text} parses; for callers that must tell an ARN apart from another kind of name. */
    public static boolean isArn(String text) {
        try {
            parse(text);
            return true;
        } catch (InvalidArnException e) {
            return false;
        }
    }

    /** The root principal of an account: {@code arn:<partition>:iam::<account>:root}. */
    public static Arn accountRoot(String partition, String account) {
        return new Arn(partition, "iam", "", account, "root");
    }

    /** The resource type: the part of {@link #resource} before the first {@code /} or {@code :}, or all of it. */
    public String resourceType() {
        int end = firstSeparator(resource);
        return end < 0 ? resource : resource.substring(0, end);
    }

    /** The resource id: the part of {@link #resource} after the first {@code /} or {@code :}, or empty. */
    public String resourceId() {
        int end = firstSeparator(resource);
        return end < 0 ? "" : resource.substring(end + 1);
    }

    private static int firstSeparator(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '/' || s.charAt(i) == ':') {
                return i;
            }
        }
        return -1;
    }

    private static void check(boolean ok, String text, String problem) {
        if (!ok) {
            throw new InvalidArnException(text, problem);
        }
    }

    @Override
    public String toString() {
        return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource;
    }
}
