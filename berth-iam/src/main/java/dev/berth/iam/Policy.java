package dev.berth.iam;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A parsed, validated policy document. {@code name} labels it in decisions and audit records (the inline policy
 * name, managed policy ARN, {@code trust-policy}, {@code repository-policy}...), {@code id} is the document's
 * optional {@code Id} (empty when absent). Immutable and thread-safe; parsing is the only way to get one from text.
 */
public record Policy(PolicyKind kind, String name, PolicyVersion version, String id, List<Statement> statements) {

    public Policy {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(id, "id");
        statements = List.copyOf(statements);
    }

    /**
     * Parses a document of the given kind, labelled {@code name}.
     *
     * @throws MalformedPolicyDocumentException naming the problem
     */
    public static Policy parse(PolicyKind kind, String name, String json) {
        return PolicyParser.parse(kind, name, json);
    }

    /** Parses a document of the given kind, labelled by its {@code Id} (or by the kind when it has none). */
    public static Policy parse(PolicyKind kind, String json) {
        Policy p = PolicyParser.parse(kind, "", json);
        String label = p.id().isEmpty() ? kind.name().toLowerCase(Locale.ROOT) + "-policy" : p.id();
        return new Policy(kind, label, p.version(), p.id(), p.statements());
    }
}
