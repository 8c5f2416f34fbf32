package dev.berth.server;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Pushes a one-layer image with jib-core, the way a CI job's build tool would after {@code docker login}: HTTP Basic
 * with user {@code AWS} and the registry password. Plain http on loopback needs Jib's insecure-registry switch and
 * its {@code sendCredentialsOverHttp} system property; the property is set only for the push and then restored.
 */
final class JibPush {
    private static final String SEND_OVER_HTTP = "sendCredentialsOverHttp";

    private JibPush() {}

    /**
     * @param image {@code 127.0.0.1:PORT/repo:tag}
     * @param content the one file of the image's one layer (different content, different layer digest)
     * @return the pushed image's manifest digest and image id
     * @throws Exception what Jib throws when the registry refuses (its cause says why)
     */
    static JibContainer push(String image, Credential credential, String content, Path workDir) throws Exception {
        Path file = Files.createTempFile(workDir, "layer-", ".txt");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Path cache = Files.createDirectories(workDir.resolve("jib-cache"));
        Containerizer to = Containerizer.to(RegistryImage.named(ImageReference.parse(image))
                        .addCredentialRetriever(() -> Optional.of(credential)))
                .setAllowInsecureRegistries(true)
                .setBaseImageLayersCache(cache)
                .setApplicationLayersCache(cache)
                .setToolName("berth-keyless-test");
        String previous = System.getProperty(SEND_OVER_HTTP);
        System.setProperty(SEND_OVER_HTTP, "true");
        try {
            return Jib.fromScratch()
                    .setFormat(ImageFormat.OCI)
                    .addFileEntriesLayer(FileEntriesLayer.builder()
                            .addEntry(file, AbsoluteUnixPath.get("/app/content.txt")).build())
                    .setEntrypoint("/app/run")
                    .containerize(to);
        } finally {
            if (previous == null) {
                System.clearProperty(SEND_OVER_HTTP);
            } else {
                System.setProperty(SEND_OVER_HTTP, previous);
            }
        }
    }

    /** {@code docker login -u AWS}: the credential for a registry password from ECR GetAuthorizationToken. */
    static Credential aws(String password) {
        return Credential.from("AWS", password);
    }
}
