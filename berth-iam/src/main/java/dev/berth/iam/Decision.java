package dev.berth.iam;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of evaluating a request, with the statement that decided it (absent for an implicit deny, which no
 * statement decides) and a one-line reason fit for an audit record. Immutable.
 */
public final class Decision {
    /** AWS's three outcomes. */
    public enum Outcome {
        /** Some statement allows and none denies. */
        ALLOW,
        /** A statement denies; nothing overrides it. */
        EXPLICIT_DENY,
        /** Nothing allows (the default), or a cross-account request lacks one of its two allows. */
        IMPLICIT_DENY
    }

    private final Outcome outcome;
    private final StatementRef statement;
    private final String reason;

    private Decision(Outcome outcome, StatementRef statement, String reason) {
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.statement = statement;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    static Decision allow(StatementRef by) {
        return new Decision(Outcome.ALLOW, by, "allowed by " + by);
    }

    /** The account's root user, which no policy restricts within its own account. */
    public static Decision allowRoot() {
        return new Decision(Outcome.ALLOW, null, "allowed: the account's root user");
    }

    static Decision deny(StatementRef by) {
        return new Decision(Outcome.EXPLICIT_DENY, by, "explicitly denied by " + by);
    }

    static Decision implicitDeny(String reason) {
        return new Decision(Outcome.IMPLICIT_DENY, null, reason);
    }

    public Outcome outcome() {
        return outcome;
    }

    /** True only for {@link Outcome#ALLOW}. */
    public boolean allowed() {
        return outcome == Outcome.ALLOW;
    }

    /** The deciding statement; empty for {@link Outcome#IMPLICIT_DENY}. */
    public Optional<StatementRef> statement() {
        return Optional.ofNullable(statement);
    }

    /** The deciding statement's {@code Sid}; empty when there is no deciding statement or it has no Sid. */
    public Optional<String> sid() {
        return statement().map(StatementRef::sid).filter(s -> !s.isEmpty());
    }

    /** One line saying why, e.g. {@code allowed by identity policy 'ecr-push' statement Push}. */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return outcome + ": " + reason;
    }
}
