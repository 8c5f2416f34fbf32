package dev.berth.cli.ecr;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.CommandGroup;
import dev.berth.cli.Environment;
import dev.berth.cli.ExitCode;
import dev.berth.cli.aws.AwsErrors;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;

/** {@code berth repo create|list|describe|delete}: ECR repositories. */
public final class RepoCommands {
    private RepoCommands() {
    }

    @Command(name = "repo", mixinStandardHelpOptions = true, description = "Create, list, describe and delete repositories.")
    public static final class Group extends CommandGroup {
    }

    static ObjectNode json(Repository r) {
        ObjectNode node = EcrCommand.object();
        node.put("repositoryName", r.repositoryName());
        node.put("repositoryArn", r.repositoryArn());
        node.put("repositoryUri", r.repositoryUri());
        node.put("registryId", r.registryId());
        node.put("createdAt", EcrCommand.time(r.createdAt()));
        node.put("imageTagMutability", r.imageTagMutabilityAsString());
        node.put("scanOnPush", r.imageScanningConfiguration() != null
                && Boolean.TRUE.equals(r.imageScanningConfiguration().scanOnPush()));
        return node;
    }

    static String text(Repository r) {
        return EcrCommand.table(List.of(
                new String[] {"name", r.repositoryName()},
                new String[] {"uri", String.valueOf(r.repositoryUri())},
                new String[] {"arn", String.valueOf(r.repositoryArn())},
                new String[] {"created", EcrCommand.time(r.createdAt())},
                new String[] {"tags", String.valueOf(r.imageTagMutabilityAsString())},
                new String[] {"scan on push", String.valueOf(json(r).path("scanOnPush").asBoolean())}));
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a repository.")
    public static final class Create extends EcrCommand {
        @Parameters(index = "0", paramLabel = "REPOSITORY")
        String name;

        @Option(names = "--image-tag-mutability", defaultValue = "MUTABLE",
                description = "MUTABLE, IMMUTABLE, MUTABLE_WITH_EXCLUSION or IMMUTABLE_WITH_EXCLUSION (default ${DEFAULT-VALUE})")
        String mutability;

        @Option(names = "--scan-on-push", description = "scan every pushed image")
        boolean scanOnPush;

        @Option(names = "--if-not-exists", description = "succeed without change when the repository exists")
        boolean ifNotExists;

        public Create(Environment env, Clock clock) {
            super(env, clock);
        }

        @Override
        protected ExitCode execute() {
            try (EcrClient ecr = ecr()) {
                Repository r;
                try {
                    r = ecr.createRepository(b -> b.repositoryName(name).imageTagMutability(mutability)
                            .imageScanningConfiguration(s -> s.scanOnPush(scanOnPush))).repository();
                } catch (RepositoryAlreadyExistsException e) {
                    if (!ifNotExists) {
                        throw new dev.berth.cli.CliException(ExitCode.ERROR, AwsErrors.message(e)
                                + " (--if-not-exists makes this a success)", e);
                    }
                    r = ecr.describeRepositories(b -> b.repositoryNames(name)).repositories().get(0);
                    print(json(r), "Repository " + name + " exists already\n" + text(r));
                    return ExitCode.OK;
                }
                print(json(r), "Created repository " + name + "\n" + text(r));
                return ExitCode.OK;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the repositories.")
    public static final class ListRepositories extends EcrCommand {
        public ListRepositories(Environment env, Clock clock) {
            super(env, clock);
        }

        @Override
        protected ExitCode execute() {
            try (EcrClient ecr = ecr()) {
                ArrayNode all = array();
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"NAME", "TAGS", "SCAN ON PUSH", "CREATED"});
                for (Repository r : ecr.describeRepositoriesPaginator(b -> {}).repositories()) {
                    ObjectNode node = json(r);
                    all.add(node);
                    rows.add(new String[] {r.repositoryName(), String.valueOf(r.imageTagMutabilityAsString()),
                            node.path("scanOnPush").asText(), time(r.createdAt())});
                }
                print(object().set("repositories", all), all.isEmpty() ? "No repositories" : table(rows));
                return ExitCode.OK;
            }
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true, description = "Describe a repository.")
    public static final class Describe extends EcrCommand {
        @Parameters(index = "0", paramLabel = "REPOSITORY")
        String name;

        public Describe(Environment env, Clock clock) {
            super(env, clock);
        }

        @Override
        protected ExitCode execute() {
            try (EcrClient ecr = ecr()) {
                Repository r = ecr.describeRepositories(b -> b.repositoryNames(name)).repositories().get(0);
                print(json(r), text(r));
                return ExitCode.OK;
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a repository.")
    public static final class Delete extends EcrCommand {
        @Parameters(index = "0", paramLabel = "REPOSITORY")
        String name;

        @Option(names = "--force", description = "delete it with its images (otherwise it must be empty)")
        boolean force;

        public Delete(Environment env, Clock clock) {
            super(env, clock);
        }

        @Override
        protected ExitCode execute() {
            try (EcrClient ecr = ecr()) {
                Repository r = ecr.deleteRepository(b -> b.repositoryName(name).force(force)).repository();
                print(json(r), "Deleted repository " + name);
                return ExitCode.OK;
            }
        }
    }
}
