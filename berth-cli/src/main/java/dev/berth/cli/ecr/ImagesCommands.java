package dev.berth.cli.ecr;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.CommandGroup;
import dev.berth.cli.Environment;
import dev.berth.cli.ExitCode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;

/** {@code berth images list|describe}: the images of a repository (ECR {@code DescribeImages}). */
public final class ImagesCommands {
    private ImagesCommands() {
    }

    @Command(name = "images", mixinStandardHelpOptions = true, description = "List and describe the images of a repository.")
    public static final class Group extends CommandGroup {
    }

    static ObjectNode json(ImageDetail d) {
        ObjectNode node = EcrCommand.object().put("repositoryName", d.repositoryName())
                .put("imageDigest", d.imageDigest()).put("imageSizeInBytes", d.imageSizeInBytes())
                .put("imagePushedAt", EcrCommand.time(d.imagePushedAt()))
                .put("imageManifestMediaType", d.imageManifestMediaType())
                .put("artifactMediaType", d.artifactMediaType());
        ArrayNode tags = node.putArray("imageTags");
        d.imageTags().forEach(tags::add);
        if (d.imageScanStatus() != null) {
            node.put("imageScanStatus", d.imageScanStatus().statusAsString());
        }
        if (d.imageScanFindingsSummary() != null) {
            ObjectNode counts = node.putObject("findingSeverityCounts");
            d.imageScanFindingsSummary().findingSeverityCountsAsStrings().forEach(counts::put);
        }
        return node;
    }

    static String tags(ImageDetail d) {
        return d.imageTags().isEmpty() ? "<untagged>" : String.join(",", d.imageTags());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a repository's images, newest first.")
    public static final class ListImages extends EcrCommand {
        @Parameters(index = "0", paramLabel = "REPOSITORY")
        String repository;

        public ListImages(Environment env, Clock clock) {
            super(env, clock);
        }

        @Override
        protected ExitCode execute() {
            try (EcrClient ecr = ecr()) {
                List<ImageDetail> images = new ArrayList<>();
                ecr.describeImagesPaginator(b -> b.repositoryName(repository)).imageDetails().forEach(images::add);
                images.sort(Comparator.comparing(ImageDetail::imagePushedAt,
                        Comparator.nullsLast(Comparator.reverseOrder())));
                ArrayNode all = array();
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"DIGEST", "TAGS", "SIZE", "PUSHED"});
                for (ImageDetail d : images) {
                    all.add(json(d));
                    rows.add(new String[] {d.imageDigest(), tags(d), String.valueOf(d.imageSizeInBytes()),
                            time(d.imagePushedAt())});
                }
                print(object().set("imageDetails", all), images.isEmpty() ? "No images in " + repository : table(rows));
                return ExitCode.OK;
            }
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true, description = "Describe one image.")
    public static final class Describe extends EcrCommand {
        @Mixin
        ImageArgument image;

        public Describe(Environment env, Clock clock) {
            super(env, clock);
        }

        @Override
        protected ExitCode execute() {
            ImageRef ref = image.ref();
            try (EcrClient ecr = ecr()) {
                ImageDetail d = ecr.describeImages(b -> b.repositoryName(ref.repository().value())
                        .imageIds(ref.imageId())).imageDetails().get(0);
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"repository", d.repositoryName()});
                rows.add(new String[] {"digest", d.imageDigest()});
                rows.add(new String[] {"tags", tags(d)});
                rows.add(new String[] {"media type", String.valueOf(d.imageManifestMediaType())});
                rows.add(new String[] {"size", d.imageSizeInBytes() + " bytes"});
                rows.add(new String[] {"pushed", time(d.imagePushedAt())});
                if (d.imageScanStatus() != null) {
                    rows.add(new String[] {"scan", d.imageScanStatus().statusAsString()});
                }
                print(json(d), table(rows));
                return ExitCode.OK;
            }
        }
    }
}
