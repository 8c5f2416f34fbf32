package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.berth.server.Main;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every {@code berth} command line in the examples (GitHub workflows, the GitLab pipeline, the Taskfile) parses with
 * the real command definitions: each subcommand, option and argument exists and converts. The lines are taken from
 * the YAML's strings as a shell would see them, with the CI's variables and Task's templates replaced by plausible
 * values; nothing is executed. ({@code action.yml} builds its command line in a bash array: {@link GitHubActionTest}
 * runs it for real.)
 */
class ExampleCommandLinesTest {
    static final Path REPO_ROOT = Path.of("").toAbsolutePath().getParent();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final List<String> EXAMPLES = List.of("examples/github/ci.yaml", "examples/github/release.yaml",
            "examples/gitlab/.gitlab-ci.yml", "examples/Taskfile.yaml");

    /** What the examples' variables stand for, by name (GitHub expressions, shell variables, Task templates). */
    static final Map<String, String> VALUES = Map.ofEntries(
            Map.entry("BERTH", "berth"),
            Map.entry("REGISTRY_HOST", "berth.example.internal"),
            Map.entry("BERTH_URL", "https://berth.example.internal"),
            Map.entry("BERTH_REGISTRY", "https://berth.example.internal"),
            Map.entry("REPOSITORY", "acme/app"),
            Map.entry("IMAGE_DIR", "build/image"),
            Map.entry("CLI_ARGS", "v1.0.0"),
            Map.entry("GIT_TAG", "v1.0.0"),
            Map.entry("CI_COMMIT_TAG", "v1.0.0"),
            Map.entry("GITHUB_REF_NAME", "v1.0.0"),
            Map.entry("ref_name", "v1.0.0"),
            Map.entry("PULL_ROLE", "arn:aws:iam::000000000000:role/GitHubActions-ECR-PullRole"),
            Map.entry("PUSH_ROLE", "arn:aws:iam::000000000000:role/GitHubActions-ECR-PushRole"),
            Map.entry("BERTH_ROLE_ARN", "arn:aws:iam::000000000000:role/GitHubActions-ECR-PushRole"));

    /** {@code ${{ env.X }}}, {@code ${{ vars.X }}}, {@code {{.X | default "y"}}}, {@code ${X}}, {@code $X}. */
    static final Pattern VARIABLE = Pattern.compile(
            "\\$\\{\\{\\s*(?:[a-z]+\\.)*([A-Za-z_]+)\\s*}}|\\{\\{\\s*\\.([A-Za-z_]+)[^}]*}}|\\$\\{([A-Za-z_]+)}"
                    + "|\\$([A-Za-z_][A-Za-z0-9_]*)");
    static final Pattern TEMPLATE_CONTROL = Pattern.compile("\\{\\{\\s*(?:if [^}]*|end)\\s*}}");

    record Invocation(String file, String line, List<String> args) {}

    @Test
    void everyBerthCommandLineInTheExamplesParses() throws IOException {
        List<Invocation> invocations = new ArrayList<>();
        for (String example : EXAMPLES) {
            JsonNode yaml = YAML.readTree(REPO_ROOT.resolve(example).toFile());
            List<String> strings = new ArrayList<>();
            collectStrings(yaml, strings);
            for (String text : strings) {
                for (String line : text.replace("\\\n", " ").split("\n")) {
                    for (List<String> args : berthInvocations(substitute(line))) {
                        invocations.add(new Invocation(example, line.strip(), args));
                    }
                }
            }
        }

        TreeSet<String> commands = new TreeSet<>();
        for (Invocation invocation : invocations) {
            CommandLine.ParseResult parsed = parse(invocation);
            StringBuilder name = new StringBuilder();
            for (CommandLine.ParseResult sub = parsed.subcommand(); sub != null; sub = sub.subcommand()) {
                name.append(name.isEmpty() ? "" : " ").append(sub.commandSpec().name());
            }
            commands.add(name.toString());
        }
        // the seeds' tasks, each one berth command somewhere in the examples
        assertThat(commands).contains("login", "push", "pull", "scan wait", "credential-helper");
    }

    /** The table-driven check of the extraction itself: what a shell would pass to berth. */
    @Test
    void extractionTakesArgumentsAsAShellWould() {
        assertThat(berthInvocations(substitute("echo \"{{.REGISTRY_HOST}}\" | {{.BERTH}} credential-helper get > /dev/null")))
                .containsExactly(List.of("credential-helper", "get"));
        assertThat(berthInvocations(substitute("'{{.BERTH}} login {{if .BERTH_ROLE_ARN}}--role-arn {{.BERTH_ROLE_ARN}}{{end}}'"
                .replace("'", "")))).containsExactly(List.of("login", "--role-arn", VALUES.get("BERTH_ROLE_ARN")));
        assertThat(berthInvocations(substitute("berth scan wait \"$REPOSITORY:$CI_COMMIT_TAG\" --fail-on 'CRITICAL>0,HIGH>5'")))
                .containsExactly(List.of("scan", "wait", "acme/app:v1.0.0", "--fail-on", "CRITICAL>0,HIGH>5"));
        assertThat(berthInvocations(substitute("./berth push build/image \"$REGISTRY_HOST/$REPOSITORY:${GIT_TAG}\" && ls # berth x")))
                .containsExactly(List.of("push", "build/image", "berth.example.internal/acme/app:v1.0.0"));
        assertThat(berthInvocations("export PATH=\"/opt/berth:$PATH\"")).isEmpty();
        assertThat(berthInvocations("git clone --depth 1 https://github.com/acme/berth.git /opt/berth")).isEmpty();
    }

    static CommandLine.ParseResult parse(Invocation invocation) {
        CommandLine line = new CommandLine(new Main());
        for (Object command : ClientCommands.all()) {
            line.addSubcommand(command);
        }
        try {
            return line.parseArgs(invocation.args().toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new AssertionError(invocation.file() + ": `" + invocation.line() + "` does not parse as "
                    + invocation.args() + ": " + e.getMessage(), e);
        }
    }

    static void collectStrings(JsonNode node, List<String> out) {
        if (node.isTextual()) {
            out.add(node.asText());
        }
        node.forEach(child -> collectStrings(child, out));
    }

    static String substitute(String line) {
        String text = TEMPLATE_CONTROL.matcher(line).replaceAll("");
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2)
                    : m.group(3) != null ? m.group(3) : m.group(4);
            m.appendReplacement(out, Matcher.quoteReplacement(VALUES.getOrDefault(name, m.group())));
        }
        return m.appendTail(out).toString();
    }

    /** The argument lists given to {@code berth} (or {@code ./berth}, {@code /path/berth}) in one shell line. */
    static List<List<String>> berthInvocations(String line) {
        List<List<String>> found = new ArrayList<>();
        List<String> current = null;
        boolean commandPosition = true;
        for (String token : shellWords(line)) {
            if (token.equals("#")) {
                break;
            } else if (List.of("|", ";", "&", "&&", "||").contains(token)) {
                current = null;
                commandPosition = true;
            } else if (token.equals(">")) {
                current = null;
                commandPosition = false;
            } else if (current != null) {
                current.add(token);
            } else if (commandPosition && (token.equals("berth") || token.endsWith("/berth"))) {
                current = new ArrayList<>();
                found.add(current);
            } else {
                commandPosition = false;
            }
        }
        return found;
    }

    /** Splits like a POSIX shell: quotes group and vanish; {@code | ; && || > #} are tokens of their own. */
    static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c) || c == '|' || c == ';' || c == '&' || c == '>'
                    || (c == '#' && !inWord)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                if (!Character.isWhitespace(c)) {
                    boolean doubled = i + 1 < line.length() && line.charAt(i + 1) == c && (c == '|' || c == '&');
                    words.add(doubled ? "" + c + c : String.valueOf(c));
                    i += doubled ? 1 : 0;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
