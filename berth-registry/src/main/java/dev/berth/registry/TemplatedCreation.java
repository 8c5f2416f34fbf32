package dev.berth.registry;

import dev.berth.metadata.EcrStore;
import dev.berth.metadata.RepositoryAlreadyExistsException;
import dev.berth.metadata.RepositoryCreationTemplate;
import dev.berth.metadata.RepositoryCreationTemplate.AppliedFor;
import dev.berth.metadata.RepositorySettings;
import dev.berth.metadata.RepositorySettingsStore;
import dev.berth.oci.RepositoryName;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Creates the repositories pushes go into as ECR does with {@code CREATE_ON_PUSH}: with the settings, resource tags
 * and repository policy of the most specific matching repository-creation template applied for
 * {@code CREATE_ON_PUSH}, or with the defaults when none matches. Thread-safe.
 */
public final class TemplatedCreation implements RepositoryGate.OnPushCreation {
    private final RepositorySettingsStore settings;
    private final EcrStore ecr;
    private final String registryId;
    private final Clock clock;

    public TemplatedCreation(RepositorySettingsStore settings, EcrStore ecr, String registryId, Clock clock) {
        this.settings = settings;
        this.ecr = ecr;
        this.registryId = registryId;
        this.clock = clock;
    }

    @Override
    public void create(RepositoryName name) {
        Optional<RepositoryCreationTemplate> template = templateFor(name, ecr.templates());
        RepositorySettings defaults = RepositorySettings.defaults(name, registryId,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        try {
            if (template.isEmpty()) {
                settings.create(defaults, List.of());
                return;
            }
            RepositoryCreationTemplate t = template.get();
            settings.create(new RepositorySettings(name, registryId, defaults.createdAt(), t.tagMutability(), false,
                    t.encryption()), t.resourceTags());
            if (!t.repositoryPolicy().isEmpty()) {
                ecr.putRepositoryPolicy(name, t.repositoryPolicy(), defaults.createdAt());
            }
        } catch (RepositoryAlreadyExistsException e) {
            // A concurrent push created it first; its settings stand.
        }
    }

    /** The most specific template applied for CREATE_ON_PUSH whose prefix matches the name. */
    static Optional<RepositoryCreationTemplate> templateFor(RepositoryName name,
                                                           List<RepositoryCreationTemplate> templates) {
        return templates.stream()
                .filter(t -> t.appliedFor().contains(AppliedFor.CREATE_ON_PUSH) && t.matches(name))
                .max(Comparator.comparingInt(RepositoryCreationTemplate::specificity));
    }
}
