package dev.berth.cli;

import dev.berth.server.Main;
import dev.berth.server.TestServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code berth <command>} in this JVM through picocli, as the launcher would, capturing its output. */
final class Cli {
    private Cli() {
    }

    record Run(int exitCode, String out, String err) {
        /** The lines of stdout that start with {@code prefix}. */
        List<String> lines(String prefix) {
            return out.lines().filter(l -> l.startsWith(prefix)).toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Run run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        for (Object command : ClientCommands.all()) {
            commandLine.addSubcommand(command);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** A docker config file holding HTTP Basic credentials for each registry ({@code host:port} → user, secret). */
    static Path dockerConfig(Path dir, Map<String, String[]> credentials) {
        StringBuilder auths = new StringBuilder();
        credentials.forEach((registry, userSecret) -> auths.append(auths.isEmpty() ? "" : ",")
                .append('"').append(registry).append("\":{\"auth\":\"")
                .append(Base64.getEncoder().encodeToString((userSecret[0] + ":" + userSecret[1])
                        .getBytes(StandardCharsets.UTF_8)))
                .append("\"}"));
        try {
            Path file = Files.createTempFile(dir, "docker-config", ".json");
            Files.writeString(file, "{\"auths\":{" + auths + "}}");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The root key of each test server, as docker would store it after {@code docker login}. */
    static Path rootConfig(Path dir, String... registries) {
        Map<String, String[]> creds = new java.util.LinkedHashMap<>();
        for (String registry : registries) {
            creds.put(registry, new String[] {TestServer.ROOT_ACCESS_KEY_ID, TestServer.ROOT_SECRET});
        }
        return dockerConfig(dir, creds);
    }

    static String hostOf(TestServer server) {
        return server.url().substring("http://".length());
    }
}
