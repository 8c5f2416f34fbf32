package dev.berth.server;

import static dev.berth.server.Fixtures.OCI_MANIFEST;
import static dev.berth.server.Fixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchDeleteImageResponse;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.ImageAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageDigestDoesNotMatchException;
import software.amazon.awssdk.services.ecr.model.ImageFailureCode;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.ImageTagAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.LayersNotFoundException;
import software.amazon.awssdk.services.ecr.model.LimitExceededException;
import software.amazon.awssdk.services.ecr.model.ListImagesResponse;
import software.amazon.awssdk.services.ecr.model.PutImageResponse;
import software.amazon.awssdk.services.ecr.model.ReferencedImagesNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.TagStatus;

/** Images through the real ECR client: PutImage, listing, describing, getting and deleting (spec §2.3 images). */
class EcrImageApiTest {
    static TestServer server;
    static EcrClient ecr;
    static Http http;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        ecr = EcrClients.ecr(server);
        http = server.http();
    }

    @AfterAll
    static void stop() throws Exception {
        ecr.close();
        server.close();
    }

    static PutImageResponse putImage(String repo, byte[] manifest, String tag) {
        return ecr.putImage(r -> r.repositoryName(repo).imageManifest(new String(manifest, StandardCharsets.UTF_8))
                .imageTag(tag));
    }

    static ImageIdentifier byTag(String tag) {
        return ImageIdentifier.builder().imageTag(tag).build();
    }

    static ImageIdentifier byDigest(String digest) {
        return ImageIdentifier.builder().imageDigest(digest).build();
    }

    @Test
    void putDescribeGetListAndDelete() {
        ecr.createRepository(r -> r.repositoryName("img/app"));
        byte[] manifest = EcrClients.image(http, "img/app", 1, 5000);
        String digest = sha256(manifest);
        Instant before = Instant.now().minusSeconds(1);

        PutImageResponse put = putImage("img/app", manifest, "v1");
        assertThat(put.image().imageId().imageDigest()).isEqualTo(digest);
        assertThat(put.image().imageId().imageTag()).isEqualTo("v1");
        assertThat(put.image().imageManifestMediaType()).isEqualTo(OCI_MANIFEST);
        assertThat(put.image().imageManifest()).isEqualTo(new String(manifest, StandardCharsets.UTF_8));
        putImage("img/app", manifest, "latest");

        ImageDetail detail = ecr.describeImages(r -> r.repositoryName("img/app")).imageDetails().getFirst();
        assertThat(detail.imageDigest()).isEqualTo(digest);
        assertThat(detail.imageTags()).containsExactly("latest", "v1");
        assertThat(detail.registryId()).isEqualTo("123456789012");
        assertThat(detail.imageManifestMediaType()).isEqualTo(OCI_MANIFEST);
        int configSize = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":1}").length();
        assertThat(detail.imageSizeInBytes()).isEqualTo(5000L + configSize);
        assertThat(detail.imagePushedAt()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(detail.lastRecordedPullTime()).isNull();

        // a pull over /v2/ is recorded and shows as lastRecordedPullTime
        assertThat(http.get("/v2/img/app/manifests/v1").statusCode()).isEqualTo(200);
        ImageDetail pulled = ecr.describeImages(r -> r.repositoryName("img/app").imageIds(byTag("v1")))
                .imageDetails().getFirst();
        assertThat(pulled.lastRecordedPullTime()).isBetween(before, Instant.now().plusSeconds(1));

        BatchGetImageResponse got = ecr.batchGetImage(r -> r.repositoryName("img/app")
                .imageIds(byTag("v1"), byDigest(digest), byTag("nope")));
        assertThat(got.images()).hasSize(2);
        assertThat(got.images().getFirst().imageManifest()).isEqualTo(new String(manifest, StandardCharsets.UTF_8));
        assertThat(got.images().getFirst().imageId().imageTag()).isEqualTo("v1");
        assertThat(got.failures()).singleElement().satisfies(f -> {
            assertThat(f.failureCode()).isEqualTo(ImageFailureCode.IMAGE_NOT_FOUND);
            assertThat(f.imageId().imageTag()).isEqualTo("nope");
        });
        assertThat(ecr.batchGetImage(r -> r.repositoryName("img/app").imageIds(byTag("v1"))
                .acceptedMediaTypes("application/vnd.docker.distribution.manifest.v1+json")).failures()).hasSize(1);

        // deleting one tag keeps the image under its other tag; deleting the last tag deletes the image
        BatchDeleteImageResponse deleted = ecr.batchDeleteImage(r -> r.repositoryName("img/app")
                .imageIds(byTag("v1"), byTag("ghost"), ImageIdentifier.builder().build()));
        assertThat(deleted.imageIds()).singleElement().satisfies(id -> assertThat(id.imageTag()).isEqualTo("v1"));
        assertThat(deleted.failures()).extracting(f -> f.failureCode())
                .containsExactly(ImageFailureCode.IMAGE_NOT_FOUND, ImageFailureCode.MISSING_DIGEST_AND_TAG);
        assertThat(http.get("/v2/img/app/manifests/" + digest).statusCode()).isEqualTo(200);
        ecr.batchDeleteImage(r -> r.repositoryName("img/app").imageIds(byTag("latest")));
        assertThat(http.get("/v2/img/app/manifests/" + digest).statusCode()).isEqualTo(404);
        assertThat(ecr.listImages(r -> r.repositoryName("img/app")).imageIds()).isEmpty();
    }

    @Test
    void deleteByDigestRemovesTheImageAndAllItsTags() {
        ecr.createRepository(r -> r.repositoryName("img/bydigest"));
        byte[] manifest = EcrClients.image(http, "img/bydigest", 2, 100);
        putImage("img/bydigest", manifest, "a");
        putImage("img/bydigest", manifest, "b");
        BatchDeleteImageResponse deleted = ecr.batchDeleteImage(r -> r.repositoryName("img/bydigest")
                .imageIds(byDigest(sha256(manifest))));
        assertThat(deleted.imageIds()).extracting(ImageIdentifier::imageTag).containsExactly("a", "b");
        assertThat(http.get("/v2/img/bydigest/tags/list").body()).asString(StandardCharsets.UTF_8)
                .contains("\"tags\":[]");
    }

    @Test
    void listAndDescribeFilterByTagStatusAndPage() {
        ecr.createRepository(r -> r.repositoryName("img/many"));
        List<String> digests = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            byte[] manifest = EcrClients.image(http, "img/many", 100 + i, 50);
            digests.add(sha256(manifest));
            int n = i;
            ecr.putImage(r -> r.repositoryName("img/many").imageManifest(new String(manifest, StandardCharsets.UTF_8))
                    .imageTag(n < 3 ? "t" + n : null));
        }
        List<ImageIdentifier> all = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            ListImagesResponse page = ecr.listImages(r -> r.repositoryName("img/many").maxResults(2).nextToken(t));
            assertThat(page.imageIds().size()).isLessThanOrEqualTo(2);
            all.addAll(page.imageIds());
            token = page.nextToken();
        } while (token != null);
        assertThat(all).hasSize(5).doesNotHaveDuplicates();
        assertThat(ecr.listImages(r -> r.repositoryName("img/many").filter(f -> f.tagStatus(TagStatus.TAGGED)))
                .imageIds()).extracting(ImageIdentifier::imageTag).containsExactlyInAnyOrder("t0", "t1", "t2");
        assertThat(ecr.listImages(r -> r.repositoryName("img/many").filter(f -> f.tagStatus(TagStatus.UNTAGGED)))
                .imageIds()).extracting(ImageIdentifier::imageDigest)
                .containsExactlyInAnyOrder(digests.get(3), digests.get(4));
        assertThat(ecr.listImagesPaginator(r -> r.repositoryName("img/many").maxResults(1)).imageIds()).hasSize(5);
        assertThat(ecr.describeImagesPaginator(r -> r.repositoryName("img/many").maxResults(2)).imageDetails())
                .extracting(ImageDetail::imageDigest).containsExactlyInAnyOrderElementsOf(digests);
        assertThat(ecr.describeImages(r -> r.repositoryName("img/many").filter(f -> f.tagStatus(TagStatus.UNTAGGED)))
                .imageDetails()).hasSize(2);
        assertThatThrownBy(() -> ecr.describeImages(r -> r.repositoryName("img/many").imageIds(byTag("missing"))))
                .isInstanceOf(ImageNotFoundException.class);
        assertThatThrownBy(() -> ecr.listImages(r -> r.repositoryName("img/nothere")))
                .isInstanceOf(RepositoryNotFoundException.class);
    }

    @Test
    void putImageRefusals() {
        ecr.createRepository(r -> r.repositoryName("img/refuse").imageTagMutability(ImageTagMutability.IMMUTABLE));
        byte[] manifest = EcrClients.image(http, "img/refuse", 3, 10);
        byte[] other = EcrClients.image(http, "img/refuse", 4, 10);
        putImage("img/refuse", manifest, "v1");
        assertThatThrownBy(() -> putImage("img/refuse", manifest, "v1"))
                .isInstanceOf(ImageAlreadyExistsException.class).hasMessageContaining("and tag 'v1' already exists");
        assertThatThrownBy(() -> putImage("img/refuse", other, "v1"))
                .isInstanceOf(ImageTagAlreadyExistsException.class)
                .hasMessageContaining("cannot be overwritten because the tag is immutable");
        assertThat(http.put("/v2/img/refuse/manifests/v1", other, OCI_MANIFEST).statusCode()).isEqualTo(400);

        byte[] missingLayer = Fixtures.manifest("{}".getBytes(), null, null, "never pushed".getBytes());
        assertThatThrownBy(() -> putImage("img/refuse", missingLayer, "v2"))
                .isInstanceOf(LayersNotFoundException.class).hasMessageContaining(sha256("never pushed".getBytes()));
        byte[] index = Fixtures.index(missingLayer);
        assertThatThrownBy(() -> putImage("img/refuse", index, "multi"))
                .isInstanceOf(ReferencedImagesNotFoundException.class);
        assertThatThrownBy(() -> ecr.putImage(r -> r.repositoryName("img/refuse").imageTag("v3")
                .imageManifest(new String(other, StandardCharsets.UTF_8)).imageDigest(sha256(manifest))))
                .isInstanceOf(ImageDigestDoesNotMatchException.class);
        assertThatThrownBy(() -> ecr.putImage(r -> r.repositoryName("img/refuse").imageTag("v4")
                .imageManifest("{\"schemaVersion\":2,\"config\":{},\"layers\":[]}")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("mediatype");
        assertThatThrownBy(() -> putImage("img/absent", manifest, "v1")).isInstanceOf(RepositoryNotFoundException.class);
    }

    @Test
    void exclusionFiltersKeepMatchingTagsMutable() {
        ecr.createRepository(r -> r.repositoryName("img/excl")
                .imageTagMutability(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION)
                .imageTagMutabilityExclusionFilters(EcrRepositoryApiTest.filter("latest")));
        byte[] one = EcrClients.image(http, "img/excl", 5, 10);
        byte[] two = EcrClients.image(http, "img/excl", 6, 10);
        putImage("img/excl", one, "latest");
        putImage("img/excl", two, "latest");
        putImage("img/excl", one, "1.0");
        assertThatThrownBy(() -> putImage("img/excl", two, "1.0")).isInstanceOf(ImageTagAlreadyExistsException.class);
        assertThat(ecr.describeImages(r -> r.repositoryName("img/excl").imageIds(byTag("latest"))).imageDetails()
                .getFirst().imageDigest()).isEqualTo(sha256(two));
    }

    @Test
    void ofSixteenConcurrentPutImagesOfOneNewImmutableTagExactlyOneWins() throws Exception {
        ecr.createRepository(r -> r.repositoryName("img/race").imageTagMutability(ImageTagMutability.IMMUTABLE));
        int threads = 16;
        List<byte[]> manifests = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            manifests.add(EcrClients.image(http, "img/race", 1000 + i, 10));
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (byte[] m : manifests) {
                Callable<String> push = () -> {
                    go.await();
                    try {
                        return putImage("img/race", m, "release").image().imageId().imageDigest();
                    } catch (ImageTagAlreadyExistsException e) {
                        return "refused";
                    }
                };
                results.add(pool.submit(push));
            }
            go.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : results) {
                outcomes.add(f.get());
            }
            List<String> winners = outcomes.stream().filter(o -> !o.equals("refused")).toList();
            assertThat(winners).hasSize(1);
            assertThat(ecr.describeImages(r -> r.repositoryName("img/race").imageIds(byTag("release")))
                    .imageDetails().getFirst().imageDigest()).isEqualTo(winners.getFirst());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anImageHoldsAtMostAThousandTags() throws Exception {
        ecr.createRepository(r -> r.repositoryName("img/quota"));
        byte[] manifest = EcrClients.image(http, "img/quota", 9, 10);
        putImage("img/quota", manifest, "t0");
        // 998 more tags straight into the database, in one transaction: through the API they would cost ~10 s, and
        // what is under test is the refusal of the 1001st, not the 999 pushes before it.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("metadata.db"))) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO tags (repository_id, name,"
                    + " manifest_digest, updated_at) SELECT id, ?, ?, 0 FROM repositories WHERE name = 'img/quota'")) {
                for (int i = 1; i < 999; i++) {
                    insert.setString(1, "t" + i);
                    insert.setString(2, sha256(manifest));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            c.commit();
        }
        putImage("img/quota", manifest, "t999");
        assertThatThrownBy(() -> putImage("img/quota", manifest, "one-too-many"))
                .isInstanceOf(LimitExceededException.class)
                .satisfies(e -> assertThat(((EcrException) e).statusCode()).isEqualTo(400));
        assertThat(ecr.listImagesPaginator(r -> r.repositoryName("img/quota").maxResults(1000)).imageIds())
                .hasSize(1000);
    }
}
