package dev.berth.metadata;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the audit trail.
 *
 * @param id         assigned by the log; 0 for an event not yet recorded
 * @param actor      who acted: the caller's ARN, or the component acting on its own ("berth:lifecycle")
 * @param action     what was done, named like the API action ("ecr:BatchDeleteImage", "lifecycle:ExpireImage")
 * @param repository the repository acted on, if any
 * @param target     the image, tag or other object acted on, if any
 * @param detail     a JSON object with the particulars (the rule that expired an image, ...)
 */
public record AuditEvent(long id, Instant at, String actor, String action, Optional<String> repository,
                         Optional<String> target, String detail) {
    public AuditEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(detail, "detail");
    }

    /** A new event, to be recorded. */
    public static AuditEvent of(Instant at, String actor, String action, String repositoryOrNull, String targetOrNull,
                                String detail) {
        return new AuditEvent(0, at, actor, action, Optional.ofNullable(repositoryOrNull),
                Optional.ofNullable(targetOrNull), detail);
    }
}
