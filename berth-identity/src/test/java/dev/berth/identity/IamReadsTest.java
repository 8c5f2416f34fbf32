package dev.berth.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.iam.Arn;
import dev.berth.iam.Caller;
import dev.berth.iam.Decision;
import dev.berth.iam.ManagedPolicies;
import dev.berth.iam.Policy;
import dev.berth.iam.PolicyEvaluator;
import dev.berth.iam.PolicyKind;
import dev.berth.iam.RequestContext;
import dev.berth.iam.WebIdentity;
import dev.berth.metadata.OidcProvider;
import dev.berth.metadata.Role;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The reads the authorizer and STS make: a role's policies, its trust policy, and the provider of an issuer. */
class IamReadsTest extends IamServiceFixture {
    private static final Arn GHA = Arn.parse("arn:aws:iam::123456789012:role/gha");

    @Test
    void identityPoliciesAreTheInlineAndAttachedPoliciesParsed() {
        createRole("gha");
        iam.putRolePolicy("gha", "push", PUSH_POLICY);
        iam.putRolePolicy("gha", "audit", PUSH_POLICY.replace("\"Push\"", "\"Audit\""));
        iam.attachRolePolicy("gha", READ_ONLY);

        List<Policy> policies = iam.identityPolicies(GHA);

        assertThat(policies).extracting(Policy::name).containsExactly("audit", "push", READ_ONLY);
        assertThat(policies).extracting(Policy::kind).containsOnly(PolicyKind.IDENTITY);
        assertThat(policies.get(2)).isEqualTo(ManagedPolicies.READ_ONLY.policy());
    }

    @Test
    void identityPoliciesDecideARoleSessionsRequests() {
        createRole("gha");
        iam.putRolePolicy("gha", "push", PUSH_POLICY);
        iam.attachRolePolicy("gha", READ_ONLY);
        List<Policy> policies = iam.identityPolicies(GHA);

        assertThat(decide(policies, "ecr:PutImage", "acme/app").allowed()).isTrue();
        assertThat(decide(policies, "ecr:PutImage", "acme/other").allowed()).isFalse();
        assertThat(decide(policies, "ecr:BatchGetImage", "acme/other").allowed()).isTrue();
    }

    static Stream<Arguments> otherArns() {
        return Stream.of(
                Arguments.of("a role that does not exist", "arn:aws:iam::123456789012:role/nope"),
                Arguments.of("another path", "arn:aws:iam::123456789012:role/ci/gha"),
                Arguments.of("another account", "arn:aws:iam::210987654321:role/gha"),
                Arguments.of("the name in another case", "arn:aws:iam::123456789012:role/GHA"),
                Arguments.of("a user", "arn:aws:iam::123456789012:user/gha"),
                Arguments.of("an assumed role", "arn:aws:sts::123456789012:assumed-role/gha/session"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherArns")
    void onlyTheRolesExactArnFindsItsPolicies(String what, String arn) {
        createRole("gha");
        iam.attachRolePolicy("gha", POWER_USER);

        assertThat(iam.identityPolicies(Arn.parse(arn))).isEmpty();
        assertThat(iam.trustPolicy(Arn.parse(arn))).isEmpty();
        assertThat(iam.role(Arn.parse(arn))).isEmpty();
    }

    @Test
    void aRoleWithAPathIsFoundByItsFullArn() {
        Role push = iam.createRole(CreateRoleRequest.of("push", SEED_TRUST).withPath("/ci/github/"));
        iam.attachRolePolicy("push", POWER_USER);

        Arn arn = Arn.parse("arn:aws:iam::123456789012:role/ci/github/push");

        assertThat(iam.role(arn)).contains(push);
        assertThat(iam.identityPolicies(arn)).extracting(Policy::name).containsExactly(POWER_USER);
        assertThat(iam.identityPolicies(Arn.parse("arn:aws:iam::123456789012:role/push"))).isEmpty();
    }

    @Test
    void aRoleWithoutPoliciesHasNone() {
        createRole("gha");

        assertThat(iam.identityPolicies(GHA)).isEmpty();
    }

    @Test
    void theSeedsTrustPolicyLetsTheRightTokensIn() {
        Role gha = createRole("gha");

        RoleTrust trust = iam.trustPolicy(GHA).orElseThrow();

        assertThat(trust.role()).isEqualTo(gha);
        assertThat(trust.trustPolicy().kind()).isEqualTo(PolicyKind.TRUST);
        assertThat(trust.trustPolicy().name()).isEqualTo(IamService.TRUST_POLICY_NAME);
        assertThat(assume(trust, "repo:acme/app:ref:refs/heads/main", "sts.amazonaws.com").allowed()).isTrue();
        assertThat(assume(trust, "repo:acme/app:pull_request", "sts.amazonaws.com").allowed()).isTrue();
        assertThat(assume(trust, "repo:acme/other:ref:refs/heads/main", "sts.amazonaws.com").allowed()).isFalse();
        assertThat(assume(trust, "repo:acme/app:ref:refs/heads/main", "https://github.com/acme").allowed())
                .isFalse();
    }

    @Test
    void theTrustPolicyFollowsUpdates() {
        createRole("gha");

        iam.updateAssumeRolePolicy("gha", SEED_TRUST.replace("repo:acme/app:*", "repo:acme/app:ref:refs/heads/main"));

        RoleTrust trust = iam.trustPolicy(GHA).orElseThrow();
        assertThat(assume(trust, "repo:acme/app:ref:refs/heads/main", "sts.amazonaws.com").allowed()).isTrue();
        assertThat(assume(trust, "repo:acme/app:pull_request", "sts.amazonaws.com").allowed()).isFalse();
    }

    static Stream<Arguments> issuers() {
        return Stream.of(
                Arguments.of("https://token.actions.githubusercontent.com", "token.actions.githubusercontent.com"),
                Arguments.of("https://token.actions.githubusercontent.com/", "token.actions.githubusercontent.com"),
                Arguments.of("https://token.actions.githubusercontent.com/acme",
                        "token.actions.githubusercontent.com/acme"),
                Arguments.of("https://token.actions.githubusercontent.com/acme/",
                        "token.actions.githubusercontent.com/acme"),
                Arguments.of("https://token.actions.githubusercontent.com/other", null),
                Arguments.of("https://token.actions.githubusercontent.com/ACME", null),
                Arguments.of("https://TOKEN.actions.githubusercontent.com", null),
                Arguments.of("http://token.actions.githubusercontent.com", null),
                Arguments.of("token.actions.githubusercontent.com", null),
                Arguments.of("https://gitlab.com", null),
                Arguments.of("https://", null),
                Arguments.of("", null),
                Arguments.of("http://127.0.0.1:8080/issuer", "127.0.0.1:8080/issuer"),
                Arguments.of("https://127.0.0.1:8080/issuer", "127.0.0.1:8080/issuer"),
                Arguments.of("http://127.0.0.1:8081/issuer", null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("issuers")
    void theProviderOfAnIssuerIsAnExactMatchOfHostAndPath(String issuer, String expectedUrl) {
        createGitHubProvider();
        iam.createOpenIDConnectProvider("https://token.actions.githubusercontent.com/acme",
                List.of("sts.amazonaws.com"), null, null);
        iam.createOpenIDConnectProvider("http://127.0.0.1:8080/issuer", List.of("berth-test"), null, null);

        Optional<OidcProvider> provider = iam.providerForIssuer(issuer);

        assertThat(provider.map(OidcProvider::url)).isEqualTo(Optional.ofNullable(expectedUrl));
    }

    @Test
    void theGitHubEnterpriseProviderIsItsOwn() {
        createGitHubProvider();
        iam.createOpenIDConnectProvider("https://token.actions.githubusercontent.com/acme", List.of("acme-audience"),
                null, null);

        OidcProvider acme = iam.providerForIssuer("https://token.actions.githubusercontent.com/acme").orElseThrow();

        assertThat(acme.arn()).isEqualTo(
                Arn.parse("arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com/acme"));
        assertThat(acme.clientIds()).containsExactly("acme-audience");
    }

    @Test
    void aDeletedProviderNoLongerMatches() {
        createGitHubProvider();

        iam.deleteOpenIDConnectProvider(GITHUB.toString());

        assertThat(iam.providerForIssuer(GITHUB_ISSUER)).isEmpty();
    }

    private static Decision decide(List<Policy> policies, String action, String repository) {
        RequestContext ctx = RequestContext.builder(
                        Caller.of(Arn.parse("arn:aws:sts::123456789012:assumed-role/gha/GitHubActions")),
                        action, T0)
                .resource(Arn.parse("arn:aws:ecr:us-east-1:123456789012:repository/" + repository))
                .build();
        return PolicyEvaluator.evaluate(ctx, policies, List.of());
    }

    private static Decision assume(RoleTrust trust, String sub, String aud) {
        Map<String, Object> claims = Map.of("iss", GITHUB_ISSUER, "sub", sub, "aud", aud, "repository", "acme/app");
        RequestContext ctx = WebIdentity.assumeRoleContext(GITHUB, GITHUB_ISSUER, claims, trust.role().arn(), T0)
                .build();
        return PolicyEvaluator.evaluateTrust(ctx, trust.trustPolicy());
    }
}
