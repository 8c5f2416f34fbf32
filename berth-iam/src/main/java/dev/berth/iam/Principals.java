package dev.berth.iam;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A statement's {@code Principal} or {@code NotPrincipal} element: {@code "*"} or a map of {@code AWS},
 * {@code Federated} and {@code Service} entries. Identity policies have none ({@link #ABSENT}: the statement applies
 * to whoever holds the policy). Immutable.
 *
 * <p>{@code AWS} entries are {@code "*"}, an account ({@code 123456789012} or {@code arn:aws:iam::123456789012:root}),
 * or the ARN of a user, role or assumed-role session; partial wildcards are refused, as AWS refuses them.
 * {@code Federated} entries name an identity provider (the IAM OIDC provider ARN), {@code Service} entries a service.
 * {@code "*"} and {@code {"AWS": "*"}} match every caller, anonymous ones included; a {@code "*"} under
 * {@code Federated} or {@code Service} matches any caller of that type.
 */
public final class Principals {
    /** The element of a statement that has neither {@code Principal} nor {@code NotPrincipal}. */
    public static final Principals ABSENT = new Principals(false, List.of());

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    /** Who an entry names. */
    public enum Type { AWS, FEDERATED, SERVICE }

    /**
     * How a statement's principal matched a caller. {@link #ACCOUNT} means only through the caller's account being
     * named: a delegation to the account's own identity policies, which grants nothing by itself (see
     * {@link PolicyEvaluator}); it still makes a {@code Deny} apply.
     */
    public enum Match { NONE, ACCOUNT, DIRECT }

    /** One principal; {@code value} is {@code *}, an account id (for account ARNs too), an ARN, or a name. */
    public record Entry(Type type, String value) {
        public Entry {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(value, "value");
        }
    }

    private final boolean negated;
    private final List<Entry> entries;

    private Principals(boolean negated, List<Entry> entries) {
        this.negated = negated;
        this.entries = List.copyOf(entries);
    }

    /** {@code "Principal": "*"}. */
    public static Principals everyone() {
        return new Principals(false, List.of(new Entry(Type.AWS, "*")));
    }

    /**
     * Builds an element from raw entries (AWS entries are normalised: account ARNs to account ids).
     *
     * @throws MalformedPolicyDocumentException for an entry AWS would refuse
     */
    public static Principals of(boolean negated, List<Entry> raw) {
        if (raw.isEmpty()) {
            throw new MalformedPolicyDocumentException((negated ? "NotPrincipal" : "Principal") + " is empty");
        }
        return new Principals(negated, raw.stream().map(Principals::normalize).toList());
    }

    private static Entry normalize(Entry e) {
        String v = e.value();
        if (v.isBlank()) {
            throw invalid(e);
        }
        if (e.type() != Type.AWS || v.equals("*") || ACCOUNT_ID.matcher(v).matches()) {
            return e;
        }
        Arn arn;
        try {
            arn = Arn.parse(v);
        } catch (InvalidArnException ex) {
            throw invalid(e);
        }
        if (arn.service().equals("iam") && arn.resource().equals("root") && !arn.account().equals("aws")) {
            return new Entry(Type.AWS, arn.account());
        }
        try {
            Caller.of(arn);
        } catch (IllegalArgumentException ex) {
            throw invalid(e);
        }
        return new Entry(Type.AWS, arn.toString());
    }

    private static MalformedPolicyDocumentException invalid(Entry e) {
        String type = switch (e.type()) {
            case AWS -> "AWS";
            case FEDERATED -> "Federated";
            case SERVICE -> "Service";
        };
        return new MalformedPolicyDocumentException(
                "Invalid principal in policy: \"" + type + "\":\"" + e.value() + "\"");
    }

    /** True unless this is {@link #ABSENT}. */
    public boolean present() {
        return !entries.isEmpty();
    }

    /** True for {@code NotPrincipal}. */
    public boolean negated() {
        return negated;
    }

    public List<Entry> entries() {
        return entries;
    }

    /**
     * How this element matches the caller. {@link #ABSENT} matches directly. A {@code NotPrincipal} matches every
     * caller it does not exempt; as in AWS, a caller is exempt only when its whole identity is listed: the account
     * for the root user, the user ARN and the account for a user, the session or role ARN and the account for a
     * role session.
     */
    public Match match(Caller caller) {
        if (!present()) {
            return Match.DIRECT;
        }
        if (negated) {
            return exempt(caller) ? Match.NONE : Match.DIRECT;
        }
        Match best = Match.NONE;
        for (Entry e : entries) {
            Match m = matchOne(e, caller);
            if (m.compareTo(best) > 0) {
                best = m;
            }
        }
        return best;
    }

    private boolean exempt(Caller caller) {
        boolean self = entries.stream().anyMatch(e -> matchOne(e, caller) == Match.DIRECT && !isAccount(e));
        boolean account = caller.account().isEmpty()
                || entries.stream().anyMatch(e -> isAccount(e) && matchOne(e, caller) != Match.NONE);
        return switch (caller.kind()) {
            case ROOT -> account;
            case USER, ROLE, ASSUMED_ROLE -> self && account;
            default -> self;
        };
    }

    private static boolean isAccount(Entry e) {
        return e.type() == Type.AWS && ACCOUNT_ID.matcher(e.value()).matches();
    }

    private static Match matchOne(Entry e, Caller caller) {
        boolean any = e.value().equals("*");
        return switch (e.type()) {
            case AWS -> any ? Match.DIRECT : matchAws(e.value(), caller);
            case FEDERATED -> caller.kind() == Caller.Kind.WEB_IDENTITY && (any || caller.id().equals(e.value()))
                    ? Match.DIRECT : Match.NONE;
            case SERVICE -> caller.kind() == Caller.Kind.SERVICE && (any || caller.id().equalsIgnoreCase(e.value()))
                    ? Match.DIRECT : Match.NONE;
        };
    }

    private static Match matchAws(String value, Caller caller) {
        boolean iamIdentity = switch (caller.kind()) {
            case ROOT, USER, ROLE, ASSUMED_ROLE -> true;
            default -> false;
        };
        if (!iamIdentity) {
            return Match.NONE;
        }
        if (ACCOUNT_ID.matcher(value).matches()) {
            if (!caller.account().orElseThrow().equals(value)) {
                return Match.NONE;
            }
            return caller.kind() == Caller.Kind.ROOT ? Match.DIRECT : Match.ACCOUNT;
        }
        boolean self = caller.id().equals(value) || caller.roleArn().map(r -> r.toString().equals(value)).orElse(false);
        return self ? Match.DIRECT : Match.NONE;
    }

    @Override
    public String toString() {
        return (negated ? "NotPrincipal " : "Principal ") + entries;
    }
}
