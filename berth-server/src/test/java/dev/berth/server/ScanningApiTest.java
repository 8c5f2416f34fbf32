package dev.berth.server;

import static dev.berth.server.Fixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.vulndb.OsvFixture;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.DescribeImageScanFindingsResponse;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageScanFinding;
import software.amazon.awssdk.services.ecr.model.LimitExceededException;
import software.amazon.awssdk.services.ecr.model.ScanNotFoundException;
import software.amazon.awssdk.services.ecr.model.ScanStatus;
import software.amazon.awssdk.services.ecr.model.UnsupportedImageTypeException;

/**
 * Scanning end to end, through a real server, the real AWS SDK ECR client and plain /v2/ HTTP: images built here with
 * real package databases (see {@link ScanImages}), the vulndb fixture database imported with {@code berth vulndb
 * import} while the server runs, and the findings FIXTURE.md lists for those packages.
 */
class ScanningApiTest {
    /** Every finding of the application image: (id, package) → severity, as the fixture database gives them. */
    static final Map<String, String> APP_FINDINGS = new TreeMap<>(Map.ofEntries(
            Map.entry("CVE-2021-44228 org.apache.logging.log4j:log4j-core 2.14.1", "CRITICAL"),
            Map.entry("CVE-2021-45046 org.apache.logging.log4j:log4j-core 2.14.1", "CRITICAL"),
            Map.entry("CVE-2021-45105 org.apache.logging.log4j:log4j-core 2.14.1", "HIGH"),
            Map.entry("CVE-2021-44832 org.apache.logging.log4j:log4j-core 2.14.1", "MEDIUM"),
            Map.entry("CVE-2020-8203 lodash 4.17.15", "HIGH"),
            Map.entry("CVE-2021-23337 lodash 4.17.15", "HIGH"),
            Map.entry("CVE-2020-28500 lodash 4.17.15", "MEDIUM"),
            Map.entry("CVE-2023-32681 requests 2.25.0", "MEDIUM"),
            Map.entry("CVE-2024-35195 requests 2.25.0", "MEDIUM"),
            Map.entry("CVE-2024-2511 libssl3 3.0.11-1~deb12u2", "UNDEFINED"),
            Map.entry("CVE-2023-45853 zlib1g 1:1.2.13.dfsg-1", "CRITICAL")));

    static TestServer server;
    static EcrClient ecr;
    static OciClient oci;

    @TempDir
    static Path temp;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        ecr = EcrClients.ecr(server);
        oci = new OciClient(server.url());
        importDatabase(OsvFixture.writeDirectory(temp.resolve("osv-full")));
    }

    @AfterAll
    static void stop() throws Exception {
        ecr.close();
        server.close();
    }

    static void importDatabase(Path source) {
        int status = Main.commandLine().execute("vulndb", "import", "--data-dir", server.dataDir().toString(),
                source.toString());
        assertThat(status).as("berth vulndb import %s", source).isZero();
    }

    /** Pushes the three-layer application image; returns its manifest. */
    static byte[] pushApp(String repo, String tag) {
        byte[] config = ScanImages.config("amd64");
        byte[] base = ScanImages.baseLayer();
        byte[] app = ScanImages.appLayer();
        byte[] cleanup = ScanImages.cleanupLayer();
        for (byte[] blob : List.of(config, base, app, cleanup)) {
            oci.pushMonolithic(repo, blob);
        }
        byte[] manifest = ScanImages.manifest(config, base, app, cleanup);
        oci.pushManifest(repo, tag, manifest, Fixtures.OCI_MANIFEST);
        return manifest;
    }

    static void createRepository(String repo, boolean scanOnPush) {
        ecr.createRepository(b -> b.repositoryName(repo).imageScanningConfiguration(c -> c.scanOnPush(scanOnPush)));
    }

    /** {@code aws ecr wait image-scan-complete}: the SDK's own waiter, polling every 200 ms instead of 5 s. */
    static DescribeImageScanFindingsResponse waitForScan(String repo, String digest) {
        WaiterResponse<DescribeImageScanFindingsResponse> done = ecr.waiter().waitUntilImageScanComplete(
                b -> b.repositoryName(repo).imageId(i -> i.imageDigest(digest)),
                o -> o.maxAttempts(300).backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(200))));
        return done.matched().response().orElseThrow(() -> new AssertionError("scan of " + digest + " failed",
                done.matched().exception().orElse(null)));
    }

    /** Polls until the scan is no longer IN_PROGRESS (for ends the waiter does not accept, like UNSUPPORTED). */
    static DescribeImageScanFindingsResponse waitForEnd(String repo, String digest) {
        for (int i = 0; i < 300; i++) {
            DescribeImageScanFindingsResponse r = ecr.describeImageScanFindings(b -> b.repositoryName(repo)
                    .imageId(id -> id.imageDigest(digest)));
            if (r.imageScanStatus().status() != ScanStatus.IN_PROGRESS) {
                return r;
            }
            sleep(200);
        }
        throw new AssertionError("scan of " + digest + " did not end");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Every finding over every page (maxResults 4), as "id package version" → severity. */
    static Map<String, String> allFindings(String repo, String digest) {
        Map<String, String> out = new TreeMap<>();
        String token = null;
        int pages = 0;
        do {
            String next = token;
            DescribeImageScanFindingsResponse r = ecr.describeImageScanFindings(b -> b.repositoryName(repo)
                    .imageId(i -> i.imageDigest(digest)).maxResults(4).nextToken(next));
            for (ImageScanFinding f : r.imageScanFindings().findings()) {
                Map<String, String> a = attributes(f);
                String key = f.name() + " " + a.get("package_name") + " " + a.get("package_version");
                assertThat(out.put(key, f.severityAsString())).as("listed twice: %s", key).isNull();
            }
            token = r.nextToken();
            pages++;
        } while (token != null);
        assertThat(pages).as("pages of 4").isEqualTo((out.size() + 3) / 4);
        return out;
    }

    static Map<String, String> attributes(ImageScanFinding f) {
        Map<String, String> a = new LinkedHashMap<>();
        f.attributes().forEach(x -> a.put(x.key(), x.value()));
        return a;
    }

    @Test
    void aPushToAScanOnPushRepositoryYieldsExactFindingsSeveritiesAndTheWaiterCompletes() {
        createRepository("scan/app", true);
        String digest = sha256(pushApp("scan/app", "1.0"));

        DescribeImageScanFindingsResponse done = waitForScan("scan/app", digest);
        assertThat(done.imageScanStatus().status()).isEqualTo(ScanStatus.COMPLETE);
        assertThat(done.imageScanFindings().imageScanCompletedAt()).isNotNull();
        assertThat(done.imageScanFindings().vulnerabilitySourceUpdatedAt()).isNotNull();
        assertThat(done.imageScanFindings().findingSeverityCountsAsStrings())
                .isEqualTo(Map.of("CRITICAL", 3, "HIGH", 3, "MEDIUM", 4, "UNDEFINED", 1));
        assertThat(allFindings("scan/app", digest)).isEqualTo(APP_FINDINGS);

        ImageScanFinding log4shell = done.imageScanFindings().findings().stream()
                .filter(f -> f.name().equals("CVE-2021-44228")).findFirst().orElseThrow();
        Map<String, String> a = attributes(log4shell);
        assertThat(a).containsEntry("package_name", "org.apache.logging.log4j:log4j-core")
                .containsEntry("package_version", "2.14.1").containsEntry("fixed_in_version", "2.15.0")
                .containsEntry("CVSS3_SCORE", "10.0").containsEntry("package_ecosystem", "Maven");
        assertThat(a.get("CVSS3_VECTOR")).startsWith("CVSS:3.1/AV:N/AC:L");
        assertThat(a.get("package_path")).as("found in the fat jar, not the deleted legacy jar")
                .startsWith("/app/app.jar!/");
        assertThat(log4shell.uri()).startsWith("https://");
        assertThat(log4shell.description()).isNotBlank();
        assertThat(done.imageScanFindings().findings()).extracting(f -> attributes(f).get("package_path"))
                .noneMatch(p -> p.contains("/opt/legacy"));

        ImageDetail detail = ecr.describeImages(b -> b.repositoryName("scan/app")
                .imageIds(ImageIdentifier.builder().imageTag("1.0").build())).imageDetails().get(0);
        assertThat(detail.imageScanStatus().status()).isEqualTo(ScanStatus.COMPLETE);
        assertThat(detail.imageScanFindingsSummary().findingSeverityCountsAsStrings())
                .isEqualTo(Map.of("CRITICAL", 3, "HIGH", 3, "MEDIUM", 4, "UNDEFINED", 1));

        assertThatThrownBy(() -> ecr.startImageScan(b -> b.repositoryName("scan/app")
                .imageId(i -> i.imageTag("1.0")))).as("one basic scan a day, scan on push included")
                .isInstanceOf(LimitExceededException.class);
    }

    @Test
    void theSbomIsAReferrerOfTheImageWithTheImagesPackages() {
        createRepository("scan/sbom", true);
        String digest = sha256(pushApp("scan/sbom", "1.0"));
        waitForScan("scan/sbom", digest);

        HttpResponse<byte[]> r = oci.http().get("/v2/scan/sbom/referrers/" + digest
                + "?artifactType=application/vnd.cyclonedx%2Bjson");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode referrers = OciClient.json(r.body()).get("manifests");
        assertThat(referrers).hasSize(1);
        assertThat(referrers.get(0).get("artifactType").asText()).isEqualTo("application/vnd.cyclonedx+json");
        String sbomDigest = referrers.get(0).get("digest").asText();

        JsonNode sbomManifest = OciClient.json(oci.manifest("scan/sbom", sbomDigest));
        assertThat(sbomManifest.get("subject").get("digest").asText()).isEqualTo(digest);
        assertThat(sbomManifest.get("config").get("mediaType").asText()).isEqualTo("application/vnd.oci.empty.v1+json");
        JsonNode layer = sbomManifest.get("layers").get(0);
        JsonNode bom = OciClient.json(oci.blob("scan/sbom", layer.get("digest").asText(), layer.get("size").asLong()));
        assertThat(bom.get("bomFormat").asText()).isEqualTo("CycloneDX");
        List<String> purls = new ArrayList<>();
        bom.get("components").forEach(c -> {
            if (c.has("purl")) {
                purls.add(c.get("purl").asText());
            }
        });
        assertThat(purls).anyMatch(p -> p.startsWith("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"))
                .anyMatch(p -> p.startsWith("pkg:npm/lodash@4.17.15"))
                .anyMatch(p -> p.startsWith("pkg:pypi/requests@2.25.0"))
                .anyMatch(p -> p.startsWith("pkg:deb/debian/libssl3@3.0.11-1~deb12u2"))
                .anyMatch(p -> p.startsWith("pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1")
                        || p.startsWith("pkg:deb/debian/zlib1g@1%3A1.2.13.dfsg-1"));
        assertThat(purls.stream().filter(p -> p.contains("log4j-core"))).as("the deleted legacy jar is gone")
                .hasSize(1);

        assertThatThrownBy(() -> ecr.startImageScan(b -> b.repositoryName("scan/sbom")
                .imageId(i -> i.imageDigest(sbomDigest)))).as("an SBOM is not an image")
                .isInstanceOf(UnsupportedImageTypeException.class);
        assertThatThrownBy(() -> ecr.describeImageScanFindings(b -> b.repositoryName("scan/sbom")
                .imageId(i -> i.imageDigest(sbomDigest)))).as("nor scanned on push")
                .isInstanceOf(ScanNotFoundException.class);
    }

    @Test
    void aNewDatabaseRevisionShowsNewFindingsWithoutReadingLayersAgain() throws Exception {
        Path partial = temp.resolve("osv-without-pypi");
        OsvFixture.writeDirectory(partial);
        try (var files = Files.walk(partial.resolve("PyPI"))) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        // A server of its own: its database starts without the PyPI advisories.
        try (TestServer own = TestServer.start(); EcrClient client = EcrClients.ecr(own)) {
            assertThat(Main.commandLine().execute("vulndb", "import", "--data-dir", own.dataDir().toString(),
                    partial.toString())).isZero();
            client.createRepository(b -> b.repositoryName("scan/rematch")
                    .imageScanningConfiguration(c -> c.scanOnPush(true)));
            OciClient ownOci = new OciClient(own.url());
            byte[] config = ScanImages.config("amd64");
            byte[] base = ScanImages.baseLayer();
            byte[] app = ScanImages.appLayer();
            byte[] cleanup = ScanImages.cleanupLayer();
            for (byte[] blob : List.of(config, base, app, cleanup)) {
                ownOci.pushMonolithic("scan/rematch", blob);
            }
            String digest = ownOci.pushManifest("scan/rematch", "1.0", ScanImages.manifest(config, base, app, cleanup),
                    Fixtures.OCI_MANIFEST);
            DescribeImageScanFindingsResponse before = client.waiter().waitUntilImageScanComplete(
                    b -> b.repositoryName("scan/rematch").imageId(i -> i.imageDigest(digest)),
                    o -> o.maxAttempts(300).backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(200))))
                    .matched().response().orElseThrow();
            assertThat(before.imageScanFindings().findings()).extracting(ImageScanFinding::name)
                    .doesNotContain("CVE-2023-32681", "CVE-2024-35195").contains("CVE-2021-44228");
            assertThat(before.imageScanFindings().findingSeverityCountsAsStrings())
                    .isEqualTo(Map.of("CRITICAL", 3, "HIGH", 3, "MEDIUM", 2, "UNDEFINED", 1));

            // The layers are gone from the blob store: re-matching must not need them.
            for (byte[] layer : List.of(base, app, cleanup)) {
                String hex = sha256(layer).substring("sha256:".length());
                try (var files = Files.walk(own.dataDir().resolve("blobs"))) {
                    for (Path p : files.filter(f -> f.getFileName().toString().equals(hex)).toList()) {
                        Files.delete(p);
                    }
                }
            }
            assertThat(Main.commandLine().execute("vulndb", "import", "--data-dir", own.dataDir().toString(),
                    OsvFixture.writeDirectory(temp.resolve("osv-second")).toString())).isZero();

            DescribeImageScanFindingsResponse after = client.describeImageScanFindings(b -> b
                    .repositoryName("scan/rematch").imageId(i -> i.imageDigest(digest)).maxResults(1000));
            assertThat(after.imageScanStatus().status()).isEqualTo(ScanStatus.COMPLETE);
            assertThat(after.imageScanFindings().findings()).extracting(ImageScanFinding::name)
                    .contains("CVE-2023-32681", "CVE-2024-35195");
            assertThat(after.imageScanFindings().findingSeverityCountsAsStrings())
                    .isEqualTo(Map.of("CRITICAL", 3, "HIGH", 3, "MEDIUM", 4, "UNDEFINED", 1));
            assertThat(after.imageScanFindings().imageScanCompletedAt()).as("not scanned again")
                    .isEqualTo(before.imageScanFindings().imageScanCompletedAt());
            assertThat(after.imageScanFindings().vulnerabilitySourceUpdatedAt())
                    .isAfterOrEqualTo(before.imageScanFindings().vulnerabilitySourceUpdatedAt());
        }
    }

    @Test
    void anImageWithAnUnknownLayerTypeIsUnsupported() {
        createRepository("scan/odd", true);
        byte[] config = ScanImages.config("amd64");
        byte[] layer = Fixtures.bytes(4096, 7);
        oci.pushMonolithic("scan/odd", config);
        oci.pushMonolithic("scan/odd", layer);
        String digest = oci.pushManifest("scan/odd", "1", ScanImages.unknownLayerManifest(config, layer),
                Fixtures.OCI_MANIFEST);
        DescribeImageScanFindingsResponse ended = waitForEnd("scan/odd", digest);
        assertThat(ended.imageScanStatus().status()).isEqualTo(ScanStatus.UNSUPPORTED_IMAGE);
        assertThat(ended.imageScanStatus().description()).contains("application/vnd.example.squashfs.v1");
        assertThat(ended.imageScanFindings()).isNull();
    }

    @Test
    void anIndexIsScannedPerPlatform() {
        createRepository("scan/multi", true);
        byte[] amdConfig = ScanImages.config("amd64");
        byte[] armConfig = ScanImages.config("arm64");
        byte[] base = ScanImages.baseLayer();
        byte[] app = ScanImages.appLayer();
        byte[] cleanup = ScanImages.cleanupLayer();
        for (byte[] blob : List.of(amdConfig, armConfig, base, app, cleanup)) {
            oci.pushMonolithic("scan/multi", blob);
        }
        byte[] amd64 = ScanImages.manifest(amdConfig, base, app, cleanup);
        byte[] arm64 = ScanImages.manifest(armConfig, base);
        oci.pushManifest("scan/multi", sha256(amd64), amd64, Fixtures.OCI_MANIFEST);
        oci.pushManifest("scan/multi", sha256(arm64), arm64, Fixtures.OCI_MANIFEST);
        String index = oci.pushManifest("scan/multi", "1.0", ScanImages.index(amd64, arm64), Fixtures.OCI_INDEX);

        assertThat(allFindings("scan/multi", waitForScan("scan/multi", index).imageId().imageDigest()))
                .as("the index: its platforms' findings together").isEqualTo(APP_FINDINGS);
        waitForScan("scan/multi", sha256(arm64));
        assertThat(allFindings("scan/multi", sha256(arm64))).as("arm64 has only the base layer").isEqualTo(Map.of(
                "CVE-2024-2511 libssl3 3.0.11-1~deb12u2", "UNDEFINED",
                "CVE-2023-45853 zlib1g 1:1.2.13.dfsg-1", "CRITICAL"));
        for (byte[] platform : List.of(amd64, arm64)) {
            JsonNode referrers = OciClient.json(oci.http().get("/v2/scan/multi/referrers/" + sha256(platform)).body())
                    .get("manifests");
            assertThat(referrers).as("an SBOM per platform image").hasSize(1);
        }
    }

    @Test
    void registryScanningConfigurationDecidesWhatIsScannedOnPush() {
        assertThat(ecr.getRegistryScanningConfiguration(b -> {}).scanningConfiguration().scanTypeAsString())
                .isEqualTo("BASIC");
        assertThatThrownBy(() -> ecr.putRegistryScanningConfiguration(b -> b.scanType("BASIC").rules(r -> r
                .scanFrequency("CONTINUOUS_SCAN").repositoryFilters(f -> f.filter("*").filterType("WILDCARD")))))
                .isInstanceOfSatisfying(EcrException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterException"));
        ecr.putRegistryScanningConfiguration(b -> b.scanType("BASIC").rules(r -> r.scanFrequency("SCAN_ON_PUSH")
                .repositoryFilters(f -> f.filter("rules/prod-*").filterType("WILDCARD"))));
        try {
            var got = ecr.getRegistryScanningConfiguration(b -> {}).scanningConfiguration();
            assertThat(got.rules()).hasSize(1);
            assertThat(got.rules().get(0).repositoryFilters().get(0).filter()).isEqualTo("rules/prod-*");

            createRepository("rules/prod-api", false);
            createRepository("rules/dev-api", false);
            var configs = ecr.batchGetRepositoryScanningConfiguration(b -> b.repositoryNames("rules/prod-api",
                    "rules/dev-api", "rules/missing"));
            assertThat(configs.scanningConfigurations()).extracting(c -> c.repositoryName() + " "
                    + c.scanFrequencyAsString() + " " + c.scanOnPush())
                    .containsExactly("rules/prod-api SCAN_ON_PUSH true", "rules/dev-api MANUAL false");
            assertThat(configs.failures()).extracting(f -> f.failureCodeAsString())
                    .containsExactly("REPOSITORY_NOT_FOUND");

            String prod = sha256(pushApp("rules/prod-api", "1"));
            String dev = sha256(pushApp("rules/dev-api", "1"));
            assertThat(waitForScan("rules/prod-api", prod).imageScanStatus().status()).isEqualTo(ScanStatus.COMPLETE);
            assertThatThrownBy(() -> ecr.describeImageScanFindings(b -> b.repositoryName("rules/dev-api")
                    .imageId(i -> i.imageDigest(dev)))).as("MANUAL: not scanned on push")
                    .isInstanceOf(ScanNotFoundException.class);
            var started = ecr.startImageScan(b -> b.repositoryName("rules/dev-api").imageId(i -> i.imageTag("1")));
            assertThat(started.imageScanStatus().status()).isEqualTo(ScanStatus.IN_PROGRESS);
            assertThat(started.imageId().imageDigest()).isEqualTo(dev);
            assertThat(waitForScan("rules/dev-api", dev).imageScanFindings().findings()).hasSize(11);
            assertThatThrownBy(() -> ecr.startImageScan(b -> b.repositoryName("rules/dev-api")
                    .imageId(i -> i.imageTag("nope")))).isInstanceOfSatisfying(EcrException.class, e ->
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ImageNotFoundException"));
        } finally {
            ecr.putRegistryScanningConfiguration(b -> b.scanType("BASIC"));
        }
    }
}
