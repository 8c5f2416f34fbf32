package dev.berth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryResponse;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesResponse;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.EncryptionType;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.ImageTagMutabilityExclusionFilter;
import software.amazon.awssdk.services.ecr.model.ImageTagMutabilityExclusionFilterType;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.InvalidTagParameterException;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotEmptyException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.Tag;
import software.amazon.awssdk.services.ecr.model.TooManyTagsException;

/** Repository management through the real ECR client (spec §2.3 repositories), errors as AWS names them. */
class EcrRepositoryApiTest {
    static TestServer server;
    static EcrClient ecr;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        ecr = EcrClients.ecr(server);
    }

    @AfterAll
    static void stop() throws Exception {
        ecr.close();
        server.close();
    }

    @Test
    void createDescribeReconfigureTagAndDelete() {
        Instant before = Instant.now().minusSeconds(1);
        CreateRepositoryResponse created = ecr.createRepository(r -> r.repositoryName("acme/app")
                .imageTagMutability(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION)
                .imageTagMutabilityExclusionFilters(filter("latest"), filter("dev-*"))
                .imageScanningConfiguration(s -> s.scanOnPush(true))
                .encryptionConfiguration(e -> e.encryptionType(EncryptionType.KMS).kmsKey("alias/berth"))
                .tags(tag("team", "acme"), tag("env", "prod")));
        Repository repo = created.repository();
        String host = server.url().substring("http://".length());
        assertThat(repo.repositoryArn()).isEqualTo("arn:aws:ecr:us-east-1:123456789012:repository/acme/app");
        assertThat(repo.registryId()).isEqualTo("123456789012");
        assertThat(repo.repositoryUri()).isEqualTo(host + "/acme/app");
        assertThat(repo.createdAt()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(repo.imageTagMutability()).isEqualTo(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION);
        assertThat(repo.imageTagMutabilityExclusionFilters()).containsExactly(filter("latest"), filter("dev-*"));
        assertThat(repo.imageScanningConfiguration().scanOnPush()).isTrue();
        assertThat(repo.encryptionConfiguration().encryptionType()).isEqualTo(EncryptionType.KMS);
        assertThat(repo.encryptionConfiguration().kmsKey()).isEqualTo("alias/berth");

        assertThat(ecr.describeRepositories(r -> r.repositoryNames("acme/app")).repositories()).containsExactly(repo);
        assertThat(ecr.listTagsForResource(r -> r.resourceArn(repo.repositoryArn())).tags())
                .containsExactly(tag("env", "prod"), tag("team", "acme"));
        ecr.untagResource(r -> r.resourceArn(repo.repositoryArn()).tagKeys("env"));
        ecr.tagResource(r -> r.resourceArn(repo.repositoryArn()).tags(tag("team", "platform"), tag("cost", "42")));
        assertThat(ecr.listTagsForResource(r -> r.resourceArn(repo.repositoryArn())).tags())
                .containsExactly(tag("cost", "42"), tag("team", "platform"));

        var mutability = ecr.putImageTagMutability(r -> r.repositoryName("acme/app")
                .imageTagMutability(ImageTagMutability.MUTABLE_WITH_EXCLUSION)
                .imageTagMutabilityExclusionFilters(filter("v*")));
        assertThat(mutability.imageTagMutabilityExclusionFilters()).containsExactly(filter("v*"));
        assertThat(mutability.registryId()).isEqualTo("123456789012");
        assertThat(ecr.putImageScanningConfiguration(r -> r.repositoryName("acme/app")
                .imageScanningConfiguration(s -> s.scanOnPush(false))).imageScanningConfiguration().scanOnPush())
                .isFalse();
        Repository now = ecr.describeRepositories(r -> r.repositoryNames("acme/app")).repositories().getFirst();
        assertThat(now.imageTagMutability()).isEqualTo(ImageTagMutability.MUTABLE_WITH_EXCLUSION);
        assertThat(now.imageScanningConfiguration().scanOnPush()).isFalse();

        assertThat(ecr.deleteRepository(r -> r.repositoryName("acme/app")).repository().repositoryName())
                .isEqualTo("acme/app");
        assertThatThrownBy(() -> ecr.describeRepositories(r -> r.repositoryNames("acme/app")))
                .isInstanceOf(RepositoryNotFoundException.class)
                .hasMessageContaining("The repository with name 'acme/app' does not exist in the registry with id"
                        + " '123456789012'");
    }

    @Test
    void defaultsAreMutableNoScanAes256() {
        Repository repo = ecr.createRepository(r -> r.repositoryName("plain/defaults")).repository();
        assertThat(repo.imageTagMutability()).isEqualTo(ImageTagMutability.MUTABLE);
        assertThat(repo.imageTagMutabilityExclusionFilters()).isEmpty();
        assertThat(repo.imageScanningConfiguration().scanOnPush()).isFalse();
        assertThat(repo.encryptionConfiguration().encryptionType()).isEqualTo(EncryptionType.AES256);
        assertThat(repo.encryptionConfiguration().kmsKey()).isNull();
    }

    @Test
    void refusalsAreNamedAsAwsNamesThem() {
        ecr.createRepository(r -> r.repositoryName("errors/app"));
        assertThatThrownBy(() -> ecr.createRepository(r -> r.repositoryName("errors/app")))
                .isInstanceOf(RepositoryAlreadyExistsException.class)
                .hasMessageContaining("already exists in the registry with id '123456789012'");
        assertThatThrownBy(() -> ecr.createRepository(r -> r.repositoryName("Errors/Upper")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("repositoryName");
        assertThatThrownBy(() -> ecr.createRepository(r -> r.repositoryName("errors/filters")
                .imageTagMutability(ImageTagMutability.MUTABLE).imageTagMutabilityExclusionFilters(filter("x"))))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ecr.createRepository(r -> r.repositoryName("errors/tags").tags(tag("aws:x", "y"))))
                .isInstanceOf(InvalidTagParameterException.class);
        List<Tag> many = IntStream.range(0, 51).mapToObj(i -> tag("k" + i, "v")).toList();
        assertThatThrownBy(() -> ecr.createRepository(r -> r.repositoryName("errors/many").tags(many)))
                .isInstanceOf(TooManyTagsException.class);
        assertThatThrownBy(() -> ecr.createRepository(r -> r.imageTagMutability(ImageTagMutability.MUTABLE)))
                .isInstanceOf(EcrException.class)
                .satisfies(e -> assertThat(((EcrException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"))
                .hasMessageContaining("repositoryName");
        assertThatThrownBy(() -> ecr.deleteRepository(r -> r.repositoryName("errors/missing")))
                .isInstanceOf(RepositoryNotFoundException.class);
        assertThatThrownBy(() -> ecr.putImageTagMutability(r -> r.repositoryName("errors/missing")
                .imageTagMutability(ImageTagMutability.IMMUTABLE))).isInstanceOf(RepositoryNotFoundException.class);
        assertThatThrownBy(() -> ecr.listTagsForResource(r -> r.resourceArn("not-an-arn")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ecr.listTagsForResource(r -> r.resourceArn(
                "arn:aws:ecr:us-east-1:123456789012:repository/errors/missing")))
                .isInstanceOf(RepositoryNotFoundException.class);
        assertThatThrownBy(() -> ecr.describeRepositories(r -> r.nextToken("forged")))
                .isInstanceOf(InvalidParameterException.class);
        EcrException error = (EcrException) org.assertj.core.api.Assertions.catchThrowable(
                () -> ecr.deleteRepository(r -> r.repositoryName("errors/missing")));
        assertThat(error.statusCode()).isEqualTo(400);
    }

    @Test
    void aRepositoryWithImagesIsDeletedOnlyWithForce() {
        ecr.createRepository(r -> r.repositoryName("full/app"));
        Http http = server.http();
        byte[] manifest = EcrClients.image(http, "full/app", 7, 1000);
        assertThat(http.put("/v2/full/app/manifests/v1", manifest, Fixtures.OCI_MANIFEST).statusCode()).isEqualTo(201);
        assertThatThrownBy(() -> ecr.deleteRepository(r -> r.repositoryName("full/app")))
                .isInstanceOf(RepositoryNotEmptyException.class).hasMessageContaining("still contains images");
        ecr.deleteRepository(r -> r.repositoryName("full/app").force(true));
        assertThat(http.get("/v2/full/app/manifests/v1").statusCode()).isEqualTo(404);
    }

    @Test
    void describeRepositoriesPagesWithOpaqueTokens() {
        for (int i = 0; i < 7; i++) {
            String name = "paged/r" + i;
            ecr.createRepository(r -> r.repositoryName(name));
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            DescribeRepositoriesResponse page = ecr.describeRepositories(r -> r.maxResults(3).nextToken(t));
            page.repositories().forEach(r -> seen.add(r.repositoryName()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(pages).isGreaterThan(1);
        assertThat(seen.stream().filter(n -> n.startsWith("paged/"))).hasSize(7);
        assertThat(seen).doesNotHaveDuplicates().isSorted();
        List<String> viaPaginator = ecr.describeRepositoriesPaginator(r -> r.maxResults(2)).repositories().stream()
                .map(Repository::repositoryName).toList();
        assertThat(viaPaginator).containsAll(seen.stream().filter(n -> n.startsWith("paged/")).toList());
        assertThatThrownBy(() -> ecr.describeRepositories(r -> r.repositoryNames("paged/r0").maxResults(2)))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void describeRegistryNamesTheAccountAndNoReplication() {
        var registry = ecr.describeRegistry(r -> { });
        assertThat(registry.registryId()).isEqualTo("123456789012");
        assertThat(registry.replicationConfiguration().rules()).isEmpty();
    }

    @Test
    void getAuthorizationTokenStillWorks() {
        var data = ecr.getAuthorizationToken(r -> { }).authorizationData().getFirst();
        assertThat(data.proxyEndpoint()).isEqualTo(server.url());
        assertThat(data.expiresAt()).isAfter(Instant.now().plus(Duration.ofHours(11)));
    }

    static ImageTagMutabilityExclusionFilter filter(String f) {
        return ImageTagMutabilityExclusionFilter.builder().filterType(ImageTagMutabilityExclusionFilterType.WILDCARD)
                .filter(f).build();
    }

    static Tag tag(String k, String v) {
        return Tag.builder().key(k).value(v).build();
    }
}
