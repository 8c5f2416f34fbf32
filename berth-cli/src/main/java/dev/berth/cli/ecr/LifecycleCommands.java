package dev.berth.cli.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.CliDuration;
import dev.berth.cli.CliException;
import dev.berth.cli.CommandGroup;
import dev.berth.cli.Environment;
import dev.berth.cli.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyPreviewResponse;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyResponse;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewResult;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewStatus;

/** {@code berth lifecycle put|get|preview}: a repository's lifecycle policy, and what it would expire now. */
public final class LifecycleCommands {
    private LifecycleCommands() {
    }

    @Command(name = "lifecycle", mixinStandardHelpOptions = true,
            description = "Put, get and preview a repository's lifecycle policy.")
    public static final class Group extends CommandGroup {
    }

    static String readPolicy(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "cannot read the policy file " + file + ": " + e.getMessage(), e);
        }
    }

    static JsonNode parse(String policyText) {
        try {
            return EcrCommand.JSON.readTree(policyText);
        } catch (IOException e) {
            return EcrCommand.JSON.getNodeFactory().textNode(policyText);
        }
    }

    @Command(name = "put", mixinStandardHelpOptions = true, description = "Set a repository's lifecycle policy.")
    public static final class Put extends EcrCommand {
        @Parameters(index = "0", paramLabel = "REPOSITORY")
        String repository;

        @Option(names = {"-f", "--file"}, required = true, description = "the policy (ECR lifecycle policy JSON)")
        Path file;

        public Put(Environment env, Clock clock) {
            super(env, clock);
        }

        @Override
        protected ExitCode execute() {
            String text = readPolicy(file);
            try (EcrClient ecr = ecr()) {
                ecr.putLifecyclePolicy(b -> b.repositoryName(repository).lifecyclePolicyText(text));
                int rules = parse(text).path("rules").size();
                print(object().put("repositoryName", repository).set("lifecyclePolicy", parse(text)),
                        "Lifecycle policy of " + repository + " set (" + rules + " rule" + (rules == 1 ? "" : "s") + ")");
                return ExitCode.OK;
            }
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show a repository's lifecycle policy.")
    public static final class Get extends EcrCommand {
        @Parameters(index = "0", paramLabel = "REPOSITORY")
        String repository;

        public Get(Environment env, Clock clock) {
            super(env, clock);
        }

        @Override
        protected ExitCode execute() {
            try (EcrClient ecr = ecr()) {
                GetLifecyclePolicyResponse r = ecr.getLifecyclePolicy(b -> b.repositoryName(repository));
                JsonNode policy = parse(r.lifecyclePolicyText());
                ObjectNode json = object().put("repositoryName", repository)
                        .put("lastEvaluatedAt", time(r.lastEvaluatedAt()));
                json.set("lifecyclePolicy", policy);
                print(json, pretty(policy));
                return ExitCode.OK;
            }
        }
    }

    @Command(name = "preview", mixinStandardHelpOptions = true,
            description = "Show the images the lifecycle policy would expire now, and by which rule.")
    public static final class Preview extends EcrCommand {
        @Parameters(index = "0", paramLabel = "REPOSITORY")
        String repository;

        @Option(names = {"-f", "--file"}, description = "preview this policy instead of the repository's own")
        Path file;

        @Option(names = "--timeout", defaultValue = "5m", converter = CliDuration.Converter.class,
                description = "how long to wait for COMPLETE: 300, 5m or PT5M (default ${DEFAULT-VALUE})")
        Duration timeout;

        @Option(names = "--poll-interval", defaultValue = "PT2S", converter = CliDuration.Converter.class,
                hidden = true)
        Duration interval;

        public Preview(Environment env, Clock clock) {
            super(env, clock);
        }

        @Override
        protected ExitCode execute() {
            String text = file == null ? null : readPolicy(file);
            try (EcrClient ecr = ecr()) {
                ecr.startLifecyclePolicyPreview(b -> b.repositoryName(repository).lifecyclePolicyText(text));
                Instant deadline = clock.instant().plus(timeout);
                GetLifecyclePolicyPreviewResponse first = ecr.getLifecyclePolicyPreview(b -> b.repositoryName(repository));
                while (first.status() == LifecyclePolicyPreviewStatus.IN_PROGRESS) {
                    if (clock.instant().isAfter(deadline)) {
                        throw new CliException(ExitCode.ERROR, "the preview of " + repository
                                + " is still IN_PROGRESS after " + timeout);
                    }
                    Polling.sleep(interval);
                    first = ecr.getLifecyclePolicyPreview(b -> b.repositoryName(repository));
                }
                if (first.status() != LifecyclePolicyPreviewStatus.COMPLETE) {
                    throw new CliException(ExitCode.ERROR, "the preview of " + repository + " ended "
                            + first.statusAsString());
                }
                Map<Integer, String> rules = new HashMap<>();
                parse(first.lifecyclePolicyText()).path("rules").forEach(rule -> rules.put(
                        rule.path("rulePriority").asInt(), rule.path("description").asText("")));
                List<LifecyclePolicyPreviewResult> results = new ArrayList<>();
                ecr.getLifecyclePolicyPreviewPaginator(b -> b.repositoryName(repository)).previewResults()
                        .forEach(results::add);
                ArrayNode expiring = array();
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"DIGEST", "TAGS", "PUSHED", "RULE"});
                for (LifecyclePolicyPreviewResult r : results) {
                    ObjectNode node = object().put("imageDigest", r.imageDigest())
                            .put("imagePushedAt", time(r.imagePushedAt()))
                            .put("appliedRulePriority", r.appliedRulePriority())
                            .put("ruleDescription", rules.getOrDefault(r.appliedRulePriority(), ""))
                            .put("action", r.action() == null ? "EXPIRE" : r.action().typeAsString());
                    ArrayNode tags = node.putArray("imageTags");
                    r.imageTags().forEach(tags::add);
                    expiring.add(node);
                    String rule = r.appliedRulePriority() + " " + rules.getOrDefault(r.appliedRulePriority(), "");
                    rows.add(new String[] {r.imageDigest(), r.imageTags().isEmpty() ? "<untagged>"
                            : String.join(",", r.imageTags()), time(r.imagePushedAt()), rule.strip()});
                }
                ObjectNode json = object().put("repositoryName", repository).put("status", first.statusAsString());
                json.set("expiring", expiring);
                print(json, results.isEmpty() ? "No image of " + repository + " would expire now"
                        : results.size() + " image" + (results.size() == 1 ? "" : "s") + " of " + repository
                                + " would expire now:\n" + table(rows));
                return ExitCode.OK;
            }
        }
    }
}
