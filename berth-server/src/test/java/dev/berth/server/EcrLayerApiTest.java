package dev.berth.server;

import static dev.berth.server.Fixtures.OCI_MANIFEST;
import static dev.berth.server.Fixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchCheckLayerAvailabilityResponse;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.InitiateLayerUploadResponse;
import software.amazon.awssdk.services.ecr.model.InvalidLayerException;
import software.amazon.awssdk.services.ecr.model.InvalidLayerPartException;
import software.amazon.awssdk.services.ecr.model.LayerAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.LayerAvailability;
import software.amazon.awssdk.services.ecr.model.LayerFailureCode;
import software.amazon.awssdk.services.ecr.model.LayersNotFoundException;
import software.amazon.awssdk.services.ecr.model.UploadNotFoundException;

/**
 * The layer-upload API through the real ECR client: an image pushed with InitiateLayerUpload / UploadLayerPart /
 * CompleteLayerUpload / PutImage and pulled byte-identical over /v2/; every refusal of the upload protocol.
 */
class EcrLayerApiTest {
    static TestServer server;
    static EcrClient ecr;
    static Http http;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        ecr = EcrClients.ecr(server);
        http = server.http();
        ecr.createRepository(r -> r.repositoryName("layers/app"));
    }

    @AfterAll
    static void stop() throws Exception {
        ecr.close();
        server.close();
    }

    /** Uploads {@code content} in parts of {@code partSize} bytes and completes it; returns the digest. */
    static String upload(String repo, byte[] content, int partSize) {
        InitiateLayerUploadResponse init = ecr.initiateLayerUpload(r -> r.repositoryName(repo));
        assertThat(init.partSize()).isPositive();
        for (int first = 0; first < content.length; first += partSize) {
            int from = first;
            int to = Math.min(content.length, first + partSize);
            long last = ecr.uploadLayerPart(r -> r.repositoryName(repo).uploadId(init.uploadId())
                    .partFirstByte((long) from).partLastByte((long) to - 1)
                    .layerPartBlob(SdkBytes.fromByteArray(Arrays.copyOfRange(content, from, to)))).lastByteReceived();
            assertThat(last).isEqualTo(to - 1);
        }
        String digest = sha256(content);
        assertThat(ecr.completeLayerUpload(r -> r.repositoryName(repo).uploadId(init.uploadId())
                .layerDigests(digest)).layerDigest()).isEqualTo(digest);
        return digest;
    }

    @Test
    void anImagePushedThroughTheApiIsPulledByteIdenticalOverV2() {
        byte[] layer = Fixtures.bytes(300_000, 42);
        byte[] config = "{\"architecture\":\"arm64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
        String layerDigest = upload("layers/app", layer, 128 * 1024);
        String configDigest = upload("layers/app", config, 1024);
        byte[] manifest = Fixtures.manifest(config, null, null, layer);
        ecr.putImage(r -> r.repositoryName("layers/app").imageTag("api")
                .imageManifest(new String(manifest, StandardCharsets.UTF_8)).imageManifestMediaType(OCI_MANIFEST));

        HttpResponse<byte[]> pulledManifest = http.get("/v2/layers/app/manifests/api",
                java.util.Map.of("Accept", OCI_MANIFEST));
        assertThat(pulledManifest.statusCode()).isEqualTo(200);
        assertThat(pulledManifest.body()).isEqualTo(manifest);
        assertThat(pulledManifest.headers().firstValue("Docker-Content-Digest")).contains(sha256(manifest));
        assertThat(http.get("/v2/layers/app/blobs/" + layerDigest).body()).isEqualTo(layer);
        assertThat(http.get("/v2/layers/app/blobs/" + configDigest).body()).isEqualTo(config);

        String url = ecr.getDownloadUrlForLayer(r -> r.repositoryName("layers/app").layerDigest(layerDigest))
                .downloadUrl();
        assertThat(url).startsWith(server.url() + "/v2/layers/app/blobs/" + layerDigest + "?X-Berth-Download=");
        Http anonymous = new Http(server.url());
        HttpResponse<byte[]> presigned = anonymous.get(url);
        assertThat(presigned.statusCode()).isEqualTo(200);
        assertThat(presigned.body()).isEqualTo(layer);
        String query = url.substring(url.indexOf('?'));
        assertThat(anonymous.get("/v2/layers/app/blobs/" + configDigest + query).statusCode()).isEqualTo(401);
        assertThat(anonymous.get(url.substring(0, url.length() - 2) + "AA").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/v2/layers/app/blobs/" + layerDigest).statusCode()).isEqualTo(401);

        BatchCheckLayerAvailabilityResponse check = ecr.batchCheckLayerAvailability(r -> r.repositoryName("layers/app")
                .layerDigests(layerDigest, sha256("absent".getBytes()), "not-a-digest"));
        assertThat(check.layers()).hasSize(2);
        assertThat(check.layers().get(0).layerAvailability()).isEqualTo(LayerAvailability.AVAILABLE);
        assertThat(check.layers().get(0).layerSize()).isEqualTo(layer.length);
        assertThat(check.layers().get(1).layerAvailability()).isEqualTo(LayerAvailability.UNAVAILABLE);
        assertThat(check.failures()).singleElement()
                .satisfies(f -> assertThat(f.failureCode()).isEqualTo(LayerFailureCode.INVALID_LAYER_DIGEST));
    }

    @Test
    void partsMustContinueTheUpload() {
        String id = ecr.initiateLayerUpload(r -> r.repositoryName("layers/app")).uploadId();
        ecr.uploadLayerPart(r -> r.repositoryName("layers/app").uploadId(id).partFirstByte(0L).partLastByte(9L)
                .layerPartBlob(SdkBytes.fromByteArray(new byte[10])));
        InvalidLayerPartException gap = (InvalidLayerPartException) org.assertj.core.api.Assertions.catchThrowable(
                () -> ecr.uploadLayerPart(r -> r.repositoryName("layers/app").uploadId(id).partFirstByte(20L)
                        .partLastByte(29L).layerPartBlob(SdkBytes.fromByteArray(new byte[10]))));
        assertThat(gap.lastValidByteReceived()).isEqualTo(9L);
        assertThat(gap.uploadId()).isEqualTo(id);
        assertThat(gap.repositoryName()).isEqualTo("layers/app");
        assertThatThrownBy(() -> ecr.uploadLayerPart(r -> r.repositoryName("layers/app").uploadId(id)
                .partFirstByte(10L).partLastByte(19L).layerPartBlob(SdkBytes.fromByteArray(new byte[3]))))
                .isInstanceOf(InvalidLayerPartException.class);
        assertThatThrownBy(() -> ecr.completeLayerUpload(r -> r.repositoryName("layers/app").uploadId(id)
                .layerDigests(sha256(new byte[11])))).isInstanceOf(InvalidLayerException.class);
        assertThatThrownBy(() -> ecr.uploadLayerPart(r -> r.repositoryName("layers/app")
                .uploadId("00000000-0000-0000-0000-000000000000").partFirstByte(0L).partLastByte(0L)
                .layerPartBlob(SdkBytes.fromByteArray(new byte[1])))).isInstanceOf(UploadNotFoundException.class);
    }

    @Test
    void completingALayerTheRepositoryHasOrAnEmptyUploadIsRefused() {
        byte[] content = "already here".getBytes(StandardCharsets.UTF_8);
        upload("layers/app", content, 100);
        String again = ecr.initiateLayerUpload(r -> r.repositoryName("layers/app")).uploadId();
        ecr.uploadLayerPart(r -> r.repositoryName("layers/app").uploadId(again).partFirstByte(0L)
                .partLastByte((long) content.length - 1).layerPartBlob(SdkBytes.fromByteArray(content)));
        assertThatThrownBy(() -> ecr.completeLayerUpload(r -> r.repositoryName("layers/app").uploadId(again)
                .layerDigests(sha256(content)))).isInstanceOf(LayerAlreadyExistsException.class);

        String empty = ecr.initiateLayerUpload(r -> r.repositoryName("layers/app")).uploadId();
        assertThatThrownBy(() -> ecr.completeLayerUpload(r -> r.repositoryName("layers/app").uploadId(empty)
                .layerDigests(sha256(new byte[0])))).isInstanceOf(EcrException.class)
                .satisfies(e -> assertThat(((EcrException) e).awsErrorDetails().errorCode())
                        .isEqualTo("EmptyUploadException"));
        assertThatThrownBy(() -> ecr.getDownloadUrlForLayer(r -> r.repositoryName("layers/app")
                .layerDigest(sha256("nowhere".getBytes())))).isInstanceOf(LayersNotFoundException.class);
    }
}
