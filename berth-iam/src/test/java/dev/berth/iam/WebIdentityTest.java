package dev.berth.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WebIdentityTest {

    static Stream<Arguments> prefixes() {
        return Stream.of(
                Arguments.of("https://token.actions.githubusercontent.com", "token.actions.githubusercontent.com"),
                Arguments.of("https://token.actions.githubusercontent.com/", "token.actions.githubusercontent.com"),
                Arguments.of("https://token.actions.githubusercontent.com/acme", "token.actions.githubusercontent.com/acme"),
                Arguments.of("https://gitlab.com", "gitlab.com"),
                Arguments.of("http://127.0.0.1:8080/issuer", "127.0.0.1:8080/issuer"));
    }

    @ParameterizedTest
    @MethodSource("prefixes")
    void keyPrefixIsTheIssuerWithoutScheme(String issuer, String prefix) {
        assertThat(WebIdentity.keyPrefix(issuer)).isEqualTo(prefix);
    }

    @Test
    void claimsBecomeConditionKeys() {
        Map<String, Object> claims = Fixtures.githubClaims("acme/app", "repo:acme/app:environment:prod",
                List.of("sts.amazonaws.com", "https://github.com/acme"));
        RequestContext ctx = WebIdentity.assumeRoleContext(Fixtures.GITHUB_PROVIDER, Fixtures.GITHUB_ISSUER, claims,
                Arn.parse("arn:aws:iam::123456789012:role/deploy"), Fixtures.NOW)
                .key(ConditionKeys.ROLE_SESSION_NAME, "GitHubActions").build();
        String p = "token.actions.githubusercontent.com:";
        assertThat(ctx.caller().kind()).isEqualTo(Caller.Kind.WEB_IDENTITY);
        assertThat(ctx.caller().id()).isEqualTo(Fixtures.GITHUB_PROVIDER.toString());
        assertThat(ctx.action()).isEqualTo("sts:AssumeRoleWithWebIdentity");
        assertThat(ctx.resourceText()).isEqualTo("arn:aws:iam::123456789012:role/deploy");
        assertThat(ctx.values(p + "aud")).containsExactly("sts.amazonaws.com", "https://github.com/acme");
        assertThat(ctx.values(p + "sub")).containsExactly("repo:acme/app:environment:prod");
        assertThat(ctx.values(p + "repository")).containsExactly("acme/app");
        assertThat(ctx.values(p + "Repository_Owner")).containsExactly("acme");
        assertThat(ctx.values(p + "environment")).containsExactly("prod");
        assertThat(ctx.values(p + "run_attempt")).containsExactly("1");
        assertThat(ctx.values(p + "nested")).isEmpty();
        assertThat(ctx.values("aws:FederatedProvider")).containsExactly(Fixtures.GITHUB_PROVIDER.toString());
        assertThat(ctx.values("sts:RoleSessionName")).containsExactly("GitHubActions");
        assertThat(ctx.values("aws:PrincipalArn")).isEmpty();
    }

    @Test
    void trustPolicyOnGithubSpecificClaims() {
        Policy trust = Policy.parse(PolicyKind.TRUST, """
                {"Version": "2012-10-17", "Statement": [{
                  "Sid": "ReleaseWorkflow", "Effect": "Allow",
                  "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},
                  "Action": ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"],
                  "Condition": {
                    "StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                                     "token.actions.githubusercontent.com:repository_owner": "acme",
                                     "token.actions.githubusercontent.com:environment": "production"},
                    "StringLike": {"token.actions.githubusercontent.com:job_workflow_ref":
                                     "acme/*/.github/workflows/release.yml@refs/heads/main"}}}]}""");
        RequestContext prod = Fixtures.assumeRole(Fixtures.GITHUB_PROVIDER, "deploy", "acme/app",
                "repo:acme/app:environment:production", "sts.amazonaws.com");
        RequestContext staging = Fixtures.assumeRole(Fixtures.GITHUB_PROVIDER, "deploy", "acme/app",
                "repo:acme/app:environment:staging", "sts.amazonaws.com");
        RequestContext noEnvironment = Fixtures.assumeRole(Fixtures.GITHUB_PROVIDER, "deploy", "acme/app",
                "repo:acme/app:ref:refs/heads/main", "sts.amazonaws.com");
        assertThat(PolicyEvaluator.evaluateTrust(prod, trust).sid()).contains("ReleaseWorkflow");
        assertThat(PolicyEvaluator.evaluateTrust(staging, trust).allowed()).isFalse();
        assertThat(PolicyEvaluator.evaluateTrust(noEnvironment, trust).allowed()).isFalse();
    }

    @Test
    void trustEvaluationIsOnlyForAssumeRole() {
        Policy trust = Fixtures.seed(PolicyKind.TRUST, "003-trust-policy.json");
        RequestContext push = Fixtures.session("ci", "ecr:PutImage", "acme/app");
        assertThatThrownBy(() -> PolicyEvaluator.evaluateTrust(push, trust))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sts:AssumeRole*");
    }

    @Test
    void trustPolicyCanDenyAndNamesTheStatement() {
        Policy trust = Policy.parse(PolicyKind.TRUST, """
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "Any", "Effect": "Allow", "Principal": {"Federated": "*"},
                   "Action": "sts:AssumeRoleWithWebIdentity"},
                  {"Sid": "NoPullRequests", "Effect": "Deny", "Principal": "*", "Action": "sts:*",
                   "Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "*:pull_request"}}}]}""");
        RequestContext pr = Fixtures.assumeRole(Fixtures.GITHUB_PROVIDER, "ci", "acme/app",
                "repo:acme/app:pull_request", "sts.amazonaws.com");
        RequestContext main = Fixtures.assumeRole(Fixtures.GITHUB_PROVIDER, "ci", "acme/app",
                "repo:acme/app:ref:refs/heads/main", "sts.amazonaws.com");
        assertThat(PolicyEvaluator.evaluateTrust(pr, trust).outcome()).isEqualTo(Decision.Outcome.EXPLICIT_DENY);
        assertThat(PolicyEvaluator.evaluateTrust(pr, trust).sid()).contains("NoPullRequests");
        assertThat(PolicyEvaluator.evaluateTrust(main, trust).sid()).contains("Any");
    }
}
