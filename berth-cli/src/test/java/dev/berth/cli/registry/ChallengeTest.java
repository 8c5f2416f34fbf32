package dev.berth.cli.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ChallengeTest {
    @Test
    void basic() {
        Challenge c = Challenge.parse("Basic realm=\"Berth\"").orElseThrow();
        assertThat(c.isBasic()).isTrue();
        assertThat(c.parameters()).isEqualTo(Map.of("realm", "Berth"));
    }

    @Test
    void bearerWithQuotedCommasAndEscapes() {
        Challenge c = Challenge.parse("Bearer realm=\"https://auth.example.com/token\",service=\"registry.example.com\","
                + "scope=\"repository:a/b:pull,push\", error=\"insufficient \\\"scope\\\"\"").orElseThrow();
        assertThat(c.isBearer()).isTrue();
        assertThat(c.parameters()).containsEntry("realm", "https://auth.example.com/token")
                .containsEntry("service", "registry.example.com")
                .containsEntry("scope", "repository:a/b:pull,push")
                .containsEntry("error", "insufficient \"scope\"");
    }

    @Test
    void unquotedValuesAndCase() {
        Challenge c = Challenge.parse("BEARER Realm=https://t.example/token, Service=reg").orElseThrow();
        assertThat(c.isBearer()).isTrue();
        assertThat(c.parameters()).containsEntry("realm", "https://t.example/token").containsEntry("service", "reg");
    }

    @Test
    void absent() {
        assertThat(Challenge.parse(null)).isEmpty();
        assertThat(Challenge.parse("  ")).isEmpty();
    }
}
