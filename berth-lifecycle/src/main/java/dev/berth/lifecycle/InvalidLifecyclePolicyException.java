package dev.berth.lifecycle;

import java.util.Objects;

/**
 * A lifecycle policy text that is not a valid ECR lifecycle policy (spec §3.2). {@link #detail()} names the problem,
 * in the JSON-schema wording ECR uses where that wording is known; {@link #location()} says where in the document it
 * was found ({@code rules[1].selection.countNumber}), or is empty for problems of the whole policy. The message
 * echoes only what the client sent, so it is safe to return: the ECR edge sends {@link #ecrMessage()} as an
 * {@code InvalidParameterException} (HTTP 400).
 */
public class InvalidLifecyclePolicyException extends IllegalArgumentException {
    private final String detail;
    private final String location;

    public InvalidLifecyclePolicyException(String detail) {
        this(detail, "");
    }

    public InvalidLifecyclePolicyException(String detail, String location) {
        super(location.isEmpty() ? detail : detail + " at " + location);
        this.detail = Objects.requireNonNull(detail, "detail");
        this.location = location;
    }

    /** The problem, without its location. */
    public String detail() {
        return detail;
    }

    /** Where in the document, as a path such as {@code rules[0].selection}; empty for the policy as a whole. */
    public String location() {
        return location;
    }

    /** The same problem, located at {@code where} (kept if this exception already has a location). */
    InvalidLifecyclePolicyException at(String where) {
        return location.isEmpty() ? new InvalidLifecyclePolicyException(detail, where) : this;
    }

    /** The full text ECR puts in its {@code InvalidParameterException} for a refused {@code lifecyclePolicyText}. */
    public String ecrMessage() {
        return "Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: "
                + "'Lifecycle policy validation failure: " + getMessage() + "'";
    }
}
