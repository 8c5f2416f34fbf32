package dev.berth.cli.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.berth.cli.ClientCommand;
import dev.berth.cli.Environment;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.services.ecr.EcrClient;

/** The base of the ECR commands: the shared options, an ECR client, and output as text or JSON. */
public abstract class EcrCommand extends ClientCommand {
    protected static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Mixin
    protected EcrOptions options;

    protected final Clock clock;

    protected EcrCommand(Environment env, Clock clock) {
        super(env);
        this.clock = clock;
    }

    protected EcrClient ecr() {
        return EcrAccess.open(env, options, clock);
    }

    /** Prints {@code json} with {@code --output json}, else {@code text}. */
    protected void print(JsonNode json, String text) {
        if (options.json()) {
            env.out().println(pretty(json));
        } else if (!text.isEmpty()) {
            env.out().print(text.endsWith("\n") ? text : text + "\n");
        }
    }

    /** {@code json} indented for reading; a tree built here always serialises. */
    protected static String pretty(JsonNode json) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static ObjectNode object() {
        return JSON.createObjectNode();
    }

    protected static ArrayNode array() {
        return JSON.createArrayNode();
    }

    protected static String time(Instant instant) {
        return instant == null ? "-" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Left-aligned columns, two spaces apart, for the text output. */
    protected static String table(java.util.List<String[]> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                out.append(i == columns - 1 ? row[i] : String.format("%-" + width[i] + "s  ", row[i]));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
