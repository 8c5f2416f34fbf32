package dev.berth.cli.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WebIdentityTokenTest {

    static String jwt(String payloadJson) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    static Stream<Arguments> tokens() {
        return Stream.of(
                Arguments.of(jwt("{\"iss\":\"https://token.actions.githubusercontent.com\",\"sub\":\"repo:acme/app:ref:refs/heads/main\",\"aud\":\"sts.amazonaws.com\",\"exp\":1795307858}"),
                        "https://token.actions.githubusercontent.com", "repo:acme/app:ref:refs/heads/main",
                        List.of("sts.amazonaws.com"), Optional.of(Instant.ofEpochSecond(1795307858))),
                Arguments.of(jwt("{\"iss\":\"https://gitlab.com\",\"sub\":\"project_path:acme/app:ref_type:branch:ref:main\",\"aud\":[\"a\",\"b\"]}"),
                        "https://gitlab.com", "project_path:acme/app:ref_type:branch:ref:main", List.of("a", "b"),
                        Optional.empty()),
                Arguments.of("  " + jwt("{\"sub\":\"x\"}") + "\n", "", "x", List.of(), Optional.empty()),
                Arguments.of("not-a-jwt", "", "", List.of(), Optional.empty()),
                Arguments.of("a.!!!.c", "", "", List.of(), Optional.empty()),
                Arguments.of(jwt("[1,2]"), "", "", List.of(), Optional.empty()),
                Arguments.of(jwt("{\"exp\":\"soon\"}"), "", "", List.of(), Optional.empty()));
    }

    @ParameterizedTest
    @MethodSource("tokens")
    void decodesTheClaimsThatExplainARefusalWithoutVerifying(String compact, String iss, String sub,
            List<String> aud, Optional<Instant> exp) {
        WebIdentityToken token = WebIdentityToken.of(compact);
        assertThat(token.claims()).isEqualTo(new WebIdentityToken.Claims(iss, sub, aud, exp));
        assertThat(token.compact()).isEqualTo(compact.strip());
        assertThat(token.toString()).doesNotContain(compact.strip());
    }
}
