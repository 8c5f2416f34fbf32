package dev.berth.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The trust, permission and repository policies of the seed documents, as users will paste them. */
class SeedPoliciesTest {
    private static final String MAIN = "repo:myorg/myrepo:ref:refs/heads/main";
    private static final String AUD = "sts.amazonaws.com";

    static Stream<Arguments> trust() {
        return Stream.of(
                Arguments.of("003-trust-policy.json", "myorg/myrepo", MAIN, AUD, true),
                Arguments.of("003-trust-policy.json", "myorg/myrepo", "repo:myorg/myrepo:ref:refs/heads/feature/x", AUD, true),
                Arguments.of("003-trust-policy.json", "myorg/myrepo", "repo:myorg/myrepo:ref:refs/tags/v1.0.0", AUD, true),
                Arguments.of("003-trust-policy.json", "myorg/myrepo", "repo:myorg/myrepo:pull_request", AUD, true),
                Arguments.of("003-trust-policy.json", "myorg/myrepo", "repo:myorg/myrepo:environment:production", AUD, true),
                Arguments.of("003-trust-policy.json", "myorg/myrepo", MAIN, List.of("https://github.com/myorg", AUD), true),
                Arguments.of("003-trust-policy.json", "myorg/other", "repo:myorg/other:ref:refs/heads/main", AUD, false),
                Arguments.of("003-trust-policy.json", "myorg/myrepo-fork", "repo:myorg/myrepo-fork:ref:refs/heads/main", AUD, false),
                Arguments.of("003-trust-policy.json", "MyOrg/myrepo", "repo:MyOrg/myrepo:ref:refs/heads/main", AUD, false),
                Arguments.of("003-trust-policy.json", "myorg/myrepo", MAIN, "https://github.com/myorg", false),
                Arguments.of("003-trust-policy.json", "myorg/myrepo", MAIN, "STS.amazonaws.com", false),
                Arguments.of("004-trust-policy.json", "myorg/myrepo", MAIN, AUD, true),
                Arguments.of("004-trust-policy.json", "myorg/myrepo", "repo:myorg/myrepo:ref:refs/heads/dev", AUD, false),
                Arguments.of("004-trust-policy.json", "myorg/myrepo", "repo:myorg/myrepo:ref:refs/tags/v1", AUD, false),
                Arguments.of("004-trust-policy.json", "myorg/myrepo", "repo:myorg/myrepo:pull_request", AUD, false),
                Arguments.of("004-trust-policy.json", "myorg/myrepo", MAIN, "sts.amazonaws.com.evil", false));
    }

    @ParameterizedTest(name = "{0}: {2} aud={3} -> {4}")
    @MethodSource("trust")
    void trustPolicies(String file, String repository, String sub, Object aud, boolean allowed) {
        Policy trust = Fixtures.seed(PolicyKind.TRUST, file);
        RequestContext ctx = Fixtures.assumeRole(Fixtures.GITHUB_PROVIDER, "github-actions-ecr-push", repository, sub, aud);
        Decision d = PolicyEvaluator.evaluateTrust(ctx, trust);
        assertThat(d.allowed()).as(d.reason()).isEqualTo(allowed);
        assertThat(d.outcome()).isNotEqualTo(Decision.Outcome.EXPLICIT_DENY);
    }

    @Test
    void trustPolicyRefusesAnotherProvider() {
        Policy trust = Fixtures.seed(PolicyKind.TRUST, "003-trust-policy.json");
        Arn gitlab = Arn.parse("arn:aws:iam::123456789012:oidc-provider/gitlab.com");
        RequestContext ctx = WebIdentity.assumeRoleContext(gitlab, "https://gitlab.com",
                java.util.Map.of("sub", MAIN, "aud", AUD), Arn.parse("arn:aws:iam::123456789012:role/r"),
                Fixtures.NOW).build();
        assertThat(PolicyEvaluator.evaluateTrust(ctx, trust).allowed()).isFalse();
    }

    @Test
    void placeholderSeedParsesAsWrittenAndWorksOnceFilledIn() {
        Policy asWritten = Fixtures.seed(PolicyKind.TRUST, "002-trust-policy.json");
        assertThat(asWritten.statements()).hasSize(1);
        Policy permissionsAsWritten = Fixtures.seed(PolicyKind.IDENTITY, "002-permission-policy.json");
        assertThat(permissionsAsWritten.statements()).hasSize(2);

        String trustJson = Fixtures.resource("seeds/002-trust-policy.json")
                .replace("123456789:", "123456789012:").replace("YOUR_ORG/YOUR_REPO", "acme/app");
        Policy trust = Policy.parse(PolicyKind.TRUST, trustJson);
        assertThat(PolicyEvaluator.evaluateTrust(Fixtures.assumeRole(Fixtures.GITHUB_PROVIDER, "ci", "acme/app",
                "repo:acme/app:ref:refs/heads/main", AUD), trust).allowed()).isTrue();
        assertThat(PolicyEvaluator.evaluateTrust(Fixtures.assumeRole(Fixtures.GITHUB_PROVIDER, "ci", "acme/web",
                "repo:acme/web:ref:refs/heads/main", AUD), trust).allowed()).isFalse();

        String permissionsJson = Fixtures.resource("seeds/002-permission-policy.json").replace("123456789:", "123456789012:");
        Policy permissions = Policy.parse(PolicyKind.IDENTITY, permissionsJson);
        String myApi = "arn:aws:ecr:ap-south-1:123456789012:repository/my-api";
        for (String action : List.of("ecr:DescribeImages", "ecr:ListImages", "ecr:PutImage", "ecr:BatchGetImage")) {
            assertThat(PolicyEvaluator.evaluate(Fixtures.session("ci", action, myApi), List.of(permissions), List.of())
                    .allowed()).as(action).isTrue();
        }
        assertThat(PolicyEvaluator.evaluate(Fixtures.session("ci", "ecr:PutImage",
                "arn:aws:ecr:us-east-1:123456789012:repository/my-api"), List.of(permissions), List.of()).allowed())
                .as("same name, other region").isFalse();
    }

    static Stream<Arguments> permissions() {
        String myApp = "my-app";
        String api = "production/api-service";
        return Stream.of(
                Arguments.of("003-permission-policy.json", "ecr:GetAuthorizationToken", null, true),
                Arguments.of("003-permission-policy.json", "ecr:InitiateLayerUpload", myApp, true),
                Arguments.of("003-permission-policy.json", "ecr:UploadLayerPart", myApp, true),
                Arguments.of("003-permission-policy.json", "ecr:CompleteLayerUpload", myApp, true),
                Arguments.of("003-permission-policy.json", "ecr:PutImage", myApp, true),
                Arguments.of("003-permission-policy.json", "ecr:BatchCheckLayerAvailability", myApp, true),
                Arguments.of("003-permission-policy.json", "ecr:BatchGetImage", myApp, true),
                Arguments.of("003-permission-policy.json", "ecr:GetDownloadUrlForLayer", myApp, true),
                Arguments.of("003-permission-policy.json", "ecr:PutImage", "my-app-2", false),
                Arguments.of("003-permission-policy.json", "ecr:DescribeImages", myApp, false),
                Arguments.of("003-permission-policy.json", "ecr:DeleteRepository", myApp, false),
                Arguments.of("004-push-policy.json", "ecr:GetAuthorizationToken", null, true),
                Arguments.of("004-push-policy.json", "ecr:PutImage", api, true),
                Arguments.of("004-push-policy.json", "ecr:CompleteLayerUpload", api, true),
                Arguments.of("004-push-policy.json", "ecr:BatchGetImage", api, false),
                Arguments.of("004-push-policy.json", "ecr:PutImage", "production/api-service-v2", false),
                Arguments.of("004-push-policy.json", "ecr:PutImage", "production", false));
    }

    @ParameterizedTest(name = "{0}: {1} on {2} -> {3}")
    @MethodSource("permissions")
    void permissionPolicies(String file, String action, String repository, boolean allowed) {
        Policy policy = Fixtures.seed(PolicyKind.IDENTITY, file);
        Decision d = PolicyEvaluator.evaluate(Fixtures.session("ci", action, repository), List.of(policy), List.of());
        assertThat(d.allowed()).as(d.reason()).isEqualTo(allowed);
    }

    static Stream<Arguments> repositoryPolicy() {
        String prodPuller = "arn:aws:sts::987654321098:assumed-role/deployer/s";
        String stagingPuller = "arn:aws:sts::876543210987:assumed-role/deployer/s";
        String stranger = "arn:aws:sts::111122223333:assumed-role/deployer/s";
        String ci = "arn:aws:sts::123456789012:assumed-role/github-actions-ecr-push/GitHubActions";
        String otherRole = "arn:aws:sts::123456789012:assumed-role/other/GitHubActions";
        return Stream.of(
                Arguments.of(prodPuller, "ecr:BatchGetImage", true, true, "AllowPullFromProduction"),
                Arguments.of(stagingPuller, "ecr:GetDownloadUrlForLayer", true, true, "AllowPullFromProduction"),
                Arguments.of(prodPuller, "ecr:BatchGetImage", false, false, null),
                Arguments.of(prodPuller, "ecr:PutImage", true, false, null),
                Arguments.of(stranger, "ecr:BatchGetImage", true, false, null),
                Arguments.of(ci, "ecr:PutImage", false, true, "AllowPushFromCICD"),
                Arguments.of(ci, "ecr:CompleteLayerUpload", false, true, "AllowPushFromCICD"),
                Arguments.of(ci, "ecr:BatchGetImage", false, false, null),
                Arguments.of(otherRole, "ecr:PutImage", false, false, null));
    }

    @ParameterizedTest(name = "{0} {1} identity={2} -> {3}")
    @MethodSource("repositoryPolicy")
    void repositoryPolicyForCrossAccountPullAndCiPush(String caller, String action, boolean identityAllowsEcr,
                                                    boolean allowed, String sid) {
        Policy repositoryPolicy = Fixtures.seed(PolicyKind.RESOURCE, "004-repository-policy.json");
        Policy callerPolicy = Policy.parse(PolicyKind.IDENTITY, """
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "ecr:*", "Resource": "*"}}""");
        RequestContext ctx = RequestContext.builder(Caller.of(Arn.parse(caller)), action, Fixtures.NOW)
                .resource(Arn.parse("arn:aws:ecr:us-east-1:123456789012:repository/production/api-service")).build();
        Decision d = PolicyEvaluator.evaluate(ctx, identityAllowsEcr ? List.of(callerPolicy) : List.of(),
                List.of(repositoryPolicy));
        assertThat(d.allowed()).as(d.reason()).isEqualTo(allowed);
        assertThat(d.sid().orElse(null)).isEqualTo(sid);
    }

    @Test
    void pushRoleAndPullRoleOfTheIssue() {
        // Push role: trusted only for acme/app on main, seed push permissions; pull role: any acme repo, PullOnly.
        Policy pushTrust = Policy.parse(PolicyKind.TRUST, Fixtures.resource("seeds/004-trust-policy.json")
                .replace("repo:myorg/myrepo:ref:refs/heads/main", "repo:acme/app:ref:refs/heads/main"));
        Policy pullTrust = Policy.parse(PolicyKind.TRUST, Fixtures.resource("seeds/003-trust-policy.json")
                .replace("repo:myorg/myrepo:*", "repo:acme/*"));
        Policy pushPermissions = Policy.parse(PolicyKind.IDENTITY, Fixtures.resource("seeds/003-permission-policy.json")
                .replace("repository/my-app", "repository/acme/app"));
        List<Policy> pullPermissions = List.of(ManagedPolicies.PULL_ONLY.policy());

        assertThat(trusts(pushTrust, "acme/app", "repo:acme/app:ref:refs/heads/main")).isTrue();
        assertThat(trusts(pushTrust, "acme/app", "repo:acme/app:ref:refs/heads/feature")).isFalse();
        assertThat(trusts(pushTrust, "acme/web", "repo:acme/web:ref:refs/heads/main")).isFalse();
        assertThat(trusts(pullTrust, "acme/web", "repo:acme/web:pull_request")).isTrue();
        assertThat(trusts(pullTrust, "evil/acme", "repo:evil/acme:ref:refs/heads/main")).isFalse();

        assertThat(allowed("push", pushPermissions, "ecr:PutImage")).isTrue();
        assertThat(allowed("push", pushPermissions, "ecr:BatchGetImage")).isTrue();
        assertThat(allowed("pull", pullPermissions.getFirst(), "ecr:BatchGetImage")).isTrue();
        assertThat(allowed("pull", pullPermissions.getFirst(), "ecr:GetDownloadUrlForLayer")).isTrue();
        for (String push : List.of("ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload",
                "ecr:PutImage")) {
            assertThat(allowed("pull", pullPermissions.getFirst(), push)).as(push).isFalse();
        }
    }

    private static boolean trusts(Policy trust, String repository, String sub) {
        return PolicyEvaluator.evaluateTrust(
                Fixtures.assumeRole(Fixtures.GITHUB_PROVIDER, "role", repository, sub, AUD), trust).allowed();
    }

    private static boolean allowed(String role, Policy policy, String action) {
        return PolicyEvaluator.evaluate(Fixtures.session(role, action, "acme/app"), List.of(policy), List.of()).allowed();
    }
}
