package dev.berth.metadata;

/** A repository-creation template with that prefix exists already (ECR {@code TemplateAlreadyExistsException}). */
public class TemplateAlreadyExistsException extends RuntimeException {
    private final String prefix;

    public TemplateAlreadyExistsException(String prefix) {
        super("a repository creation template with prefix '" + prefix + "' already exists", null, false, false);
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }
}
