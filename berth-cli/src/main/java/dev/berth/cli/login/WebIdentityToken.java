package dev.berth.cli.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * An OIDC identity token as a CI hands it out, with the claims an error message needs, decoded locally and
 * <em>not verified</em> (STS verifies it; these claims only explain a refusal). {@link #toString()} never shows the
 * token itself.
 */
public final class WebIdentityToken {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String compact;
    private final Claims claims;

    /** The claims that decide a trust policy, as the token states them; empty strings where absent. */
    public record Claims(String issuer, String subject, List<String> audiences, Optional<Instant> expiresAt) {
        public String audience() {
            return String.join(",", audiences);
        }
    }

    private WebIdentityToken(String compact, Claims claims) {
        this.compact = compact;
        this.claims = claims;
    }

    /** Wraps a compact JWS; the claims are empty when its payload is not readable JSON. */
    public static WebIdentityToken of(String compact) {
        String token = compact.strip();
        return new WebIdentityToken(token, decode(token).orElse(new Claims("", "", List.of(), Optional.empty())));
    }

    public String compact() {
        return compact;
    }

    public Claims claims() {
        return claims;
    }

    /** {@code iss=… sub=… aud=…}: what a trust policy's conditions were matched against. */
    public String describe() {
        return "iss=" + claims.issuer() + " sub=" + claims.subject() + " aud=" + claims.audience();
    }

    @Override
    public String toString() {
        return "WebIdentityToken[" + describe() + "]";
    }

    static Optional<Claims> decode(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(stripPadding(parts[1])));
            if (payload == null || !payload.isObject()) {
                return Optional.empty();
            }
            List<String> audiences = new ArrayList<>();
            JsonNode aud = payload.path("aud");
            if (aud.isArray()) {
                aud.forEach(a -> audiences.add(a.asText()));
            } else if (aud.isTextual()) {
                audiences.add(aud.asText());
            }
            JsonNode exp = payload.path("exp");
            Optional<Instant> expiresAt = exp.isNumber() ? Optional.of(Instant.ofEpochSecond(exp.asLong()))
                    : Optional.empty();
            return Optional.of(new Claims(payload.path("iss").asText(""), payload.path("sub").asText(""),
                    List.copyOf(audiences), expiresAt));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String stripPadding(String part) {
        int end = part.length();
        while (end > 0 && part.charAt(end - 1) == '=') {
            end--;
        }
        return part.substring(0, end);
    }
}
