package dev.berth.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.metadata.EncryptionConfiguration;
import dev.berth.metadata.RepositoryCreationTemplate;
import dev.berth.metadata.RepositoryCreationTemplate.AppliedFor;
import dev.berth.oci.RepositoryName;
import dev.berth.oci.TagMutability;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which repository-creation template a pushed repository gets: the most specific CREATE_ON_PUSH namespace match. */
class TemplatedCreationTest {
    static final List<RepositoryCreationTemplate> TEMPLATES = List.of(
            template("ROOT", AppliedFor.CREATE_ON_PUSH),
            template("prod", AppliedFor.CREATE_ON_PUSH),
            template("prod/team", AppliedFor.CREATE_ON_PUSH),
            template("mirror", AppliedFor.PULL_THROUGH_CACHE),
            template("dev/", AppliedFor.CREATE_ON_PUSH));

    @ParameterizedTest
    @CsvSource({
        "prod/app,            prod",
        "prod/team/app,       prod/team",
        "prod/teamx/app,      prod",
        "production/app,      ROOT",
        "mirror/alpine,       ROOT",
        "dev/app,             dev/",
        "app,                 ROOT",
    })
    void theMostSpecificMatchingTemplateApplies(String repository, String expectedPrefix) {
        Optional<RepositoryCreationTemplate> chosen =
                TemplatedCreation.templateFor(RepositoryName.parse(repository), TEMPLATES);
        assertThat(chosen).map(RepositoryCreationTemplate::prefix).contains(expectedPrefix);
    }

    @ParameterizedTest
    @CsvSource({"prod/app", "app"})
    void withoutTemplatesForCreateOnPushNoneApplies(String repository) {
        assertThat(TemplatedCreation.templateFor(RepositoryName.parse(repository),
                List.of(template("prod", AppliedFor.REPLICATION)))).isEmpty();
    }

    static RepositoryCreationTemplate template(String prefix, AppliedFor purpose) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return new RepositoryCreationTemplate(prefix, "", EncryptionConfiguration.AES256, List.of(),
                TagMutability.MUTABLE, "", "", Set.of(purpose), "", t, t);
    }
}
