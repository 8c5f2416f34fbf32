package dev.berth.cli.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.cli.CliException;
import dev.berth.cli.Environment;
import dev.berth.cli.ExitCode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * GitHub Actions' token service: a job with {@code permissions: id-token: write} gets
 * {@code ACTIONS_ID_TOKEN_REQUEST_URL} and {@code ACTIONS_ID_TOKEN_REQUEST_TOKEN}; a GET of the URL with
 * {@code &audience=…} and the request token as bearer answers {@code {"value": "<jwt>"}}.
 */
public final class GitHubActionsToken implements TokenSource {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String URL_VARIABLE = "ACTIONS_ID_TOKEN_REQUEST_URL";
    static final String TOKEN_VARIABLE = "ACTIONS_ID_TOKEN_REQUEST_TOKEN";

    @Override
    public String name() {
        return "GitHub Actions (" + URL_VARIABLE + " and " + TOKEN_VARIABLE + ")";
    }

    @Override
    public Optional<WebIdentityToken> fetch(Environment env, String audience) {
        Optional<String> url = env.variable(URL_VARIABLE);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        String requestToken = env.variable(TOKEN_VARIABLE).orElseThrow(() -> new CliException(
                ExitCode.NO_CREDENTIALS, URL_VARIABLE + " is set but " + TOKEN_VARIABLE + " is not: give the job "
                        + "'permissions: id-token: write'"));
        String separator = url.get().contains("?") ? "&" : "?";
        URI uri;
        try {
            uri = URI.create(url.get() + separator + "audience=" + URLEncoder.encode(audience, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.NO_CREDENTIALS, URL_VARIABLE + " is not a URL: " + e.getMessage(), e);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "bearer " + requestToken).header("Accept", "application/json").GET().build();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new CliException(ExitCode.NO_CREDENTIALS, "GitHub's token service answered "
                        + response.statusCode() + " for audience " + audience + ": " + abbreviate(response.body())
                        + " (does the job have 'permissions: id-token: write'?)");
            }
            JsonNode value = JSON.readTree(response.body()).path("value");
            if (!value.isTextual() || value.asText().isBlank()) {
                throw new CliException(ExitCode.NO_CREDENTIALS, "GitHub's token service answered without a token");
            }
            return Optional.of(WebIdentityToken.of(value.asText()));
        } catch (IOException e) {
            throw new CliException(ExitCode.NO_CREDENTIALS, "cannot get a token from GitHub's token service ("
                    + uri.getHost() + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.ERROR, "interrupted while getting a token from GitHub", e);
        }
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
    }
}
