package dev.berth.iam;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Shared test data: the seed policies, GitHub-shaped token claims, and request contexts. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final String ACCOUNT = "123456789012";
    static final String GITHUB_ISSUER = "https://token.actions.githubusercontent.com";
    static final Arn GITHUB_PROVIDER =
            Arn.parse("arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com");

    private Fixtures() {}

    /** A test resource as text. */
    static String resource(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Policy seed(PolicyKind kind, String file) {
        return Policy.parse(kind, file, resource("seeds/" + file));
    }

    /** The claims GitHub puts in an Actions OIDC token (a representative subset), for {@code repository} and {@code sub}. */
    static Map<String, Object> githubClaims(String repository, String sub, Object aud) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", GITHUB_ISSUER);
        claims.put("sub", sub);
        claims.put("aud", aud);
        claims.put("repository", repository);
        claims.put("repository_owner", repository.substring(0, repository.indexOf('/')));
        claims.put("ref", sub.contains(":ref:") ? sub.substring(sub.indexOf(":ref:") + 5) : "refs/heads/main");
        claims.put("ref_type", sub.contains("refs/tags/") ? "tag" : "branch");
        claims.put("environment", sub.contains(":environment:") ? sub.substring(sub.lastIndexOf(':') + 1) : null);
        claims.put("job_workflow_ref", repository + "/.github/workflows/release.yml@refs/heads/main");
        claims.put("actor", "octocat");
        claims.put("run_id", "1234567890");
        claims.put("run_attempt", 1);
        claims.put("exp", 1772370000L);
        claims.put("nested", Map.of("ignored", true));
        return claims;
    }

    /** The context of AssumeRoleWithWebIdentity for {@code role} with a GitHub token. */
    static RequestContext assumeRole(Arn provider, String role, String repository, String sub, Object aud) {
        return WebIdentity.assumeRoleContext(provider, GITHUB_ISSUER, githubClaims(repository, sub, aud),
                Arn.parse("arn:aws:iam::" + ACCOUNT + ":role/" + role), NOW).build();
    }

    /** A role session's request on a repository (or on nothing, when {@code repository} is null). */
    static RequestContext session(String role, String action, String repository) {
        Caller caller = Caller.of(Arn.parse("arn:aws:sts::" + ACCOUNT + ":assumed-role/" + role + "/GitHubActions"));
        RequestContext.Builder b = RequestContext.builder(caller, action, NOW);
        if (repository != null) {
            b.resource(Arn.parse(repository.startsWith("arn:") ? repository
                    : "arn:aws:ecr:us-east-1:" + ACCOUNT + ":repository/" + repository));
        }
        return b.build();
    }
}
