package dev.berth.cli.ecr;

import picocli.CommandLine.Option;

/** The options every ECR command shares: where the registry is, the signing region, and the output format. */
public final class EcrOptions {
    public enum Format { text, json }

    @Option(names = "--registry", description = "the registry URL (default BERTH_REGISTRY, AWS_ENDPOINT_URL_ECR)")
    String registry;

    @Option(names = "--region", description = "the region to sign with (default AWS_REGION, us-east-1)")
    String region;

    @Option(names = {"-o", "--output"}, defaultValue = "text",
            description = "text (for people, the default) or json (for scripts)")
    Format output;

    public boolean json() {
        return output == Format.json;
    }
}
