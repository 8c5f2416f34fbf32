package dev.berth.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.iam.Decision.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Action/resource/principal matching and the way identity and resource policies combine. */
class PolicyEvaluatorTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String REPO = "arn:aws:ecr:us-east-1:123456789012:repository/";

    private static final Caller ALICE = Caller.of(Arn.parse("arn:aws:iam::123456789012:user/alice"));
    private static final Caller CI = Caller.assumedRole(
            Arn.parse("arn:aws:sts::123456789012:assumed-role/ci/run-1"), Arn.parse("arn:aws:iam::123456789012:role/ci"));
    private static final Caller ROOT = Caller.of(Arn.parse("arn:aws:iam::123456789012:root"));
    private static final Caller OTHER = Caller.of(Arn.parse("arn:aws:sts::210987654321:assumed-role/deployer/s"));
    private static final Caller ANONYMOUS = Caller.anonymous();

    private static Policy identity(String statements) {
        return Policy.parse(PolicyKind.IDENTITY, "id", "{\"Version\": \"2012-10-17\", \"Statement\": [" + statements + "]}");
    }

    private static Policy resource(String statements) {
        return Policy.parse(PolicyKind.RESOURCE, "repo", "{\"Version\": \"2012-10-17\", \"Statement\": [" + statements + "]}");
    }

    private static final Policy PUSH = identity("""
            {"Sid": "Push", "Effect": "Allow",
             "Action": ["ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage",
                        "ecr:BatchCheckLayerAvailability"],
             "Resource": "arn:aws:ecr:us-east-1:123456789012:repository/team/*"}""");
    private static final Policy ALL_BUT_DELETE = identity("""
            {"Sid": "All", "Effect": "Allow", "Action": "ecr:*", "Resource": "*"},
            {"Sid": "NoDelete", "Effect": "Deny", "Action": ["ecr:BatchDeleteImage", "ecr:DeleteRepository"],
             "Resource": "*"}""");
    private static final Policy ECR_ALL = identity("""
            {"Sid": "All", "Effect": "Allow", "Action": "ecr:*", "Resource": "*"}""");
    private static final Policy DENY_WITH_UNMET_CONDITION = identity("""
            {"Sid": "OffHours", "Effect": "Deny", "Action": "ecr:*", "Resource": "*",
             "Condition": {"DateGreaterThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}},
            {"Sid": "All", "Effect": "Allow", "Action": "ecr:*", "Resource": "*"}""");
    private static final Policy NOT_ACTION = identity("""
            {"Sid": "NotDelete", "Effect": "Allow", "NotAction": "ecr:Delete*", "Resource": "*"}""");
    private static final Policy NOT_RESOURCE = identity("""
            {"Sid": "NotProd", "Effect": "Allow", "Action": "ecr:*",
             "NotResource": "arn:aws:ecr:*:123456789012:repository/prod/*"}""");
    private static final Policy REPO_SCOPED_TOKEN = identity("""
            {"Sid": "Scoped", "Effect": "Allow", "Action": "ecr:GetAuthorizationToken",
             "Resource": "arn:aws:ecr:us-east-1:123456789012:repository/*"}""");
    private static final Policy MIXED_CASE = identity("""
            {"Sid": "Mixed", "Effect": "Allow", "Action": "ECR:putimage", "Resource": "*"}""");
    private static final Policy OTHER_PULL = identity("""
            {"Sid": "OtherPull", "Effect": "Allow", "Action": "ecr:BatchGetImage", "Resource": "*"}""");
    private static final Policy PER_USER = identity("""
            {"Sid": "Own", "Effect": "Allow", "Action": "ecr:*",
             "Resource": "arn:aws:ecr:us-east-1:123456789012:repository/${aws:username}/*"}""");

    private static final Policy REPO_DENY_PUSH = resource("""
            {"Sid": "Frozen", "Effect": "Deny", "Principal": "*", "Action": "ecr:PutImage"}""");
    private static final Policy REPO_ROLE_PULL = resource("""
            {"Sid": "RolePull", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:role/ci"},
             "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]}""");
    private static final Policy REPO_ACCOUNT = resource("""
            {"Sid": "Account", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
             "Action": "ecr:*"}""");
    private static final Policy REPO_PUBLIC = resource("""
            {"Sid": "Public", "Effect": "Allow", "Principal": "*", "Action": "ecr:BatchGetImage"}""");
    private static final Policy REPO_ONLY_CI_PUSHES = resource("""
            {"Sid": "OnlyCi", "Effect": "Deny",
             "NotPrincipal": {"AWS": ["arn:aws:iam::123456789012:role/ci", "123456789012"]},
             "Action": "ecr:PutImage"}""");
    private static final Policy REPO_CROSS_ACCOUNT = resource("""
            {"Sid": "CrossPull", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::210987654321:root"},
             "Action": "ecr:BatchGetImage"}""");
    private static final Policy REPO_EXPLICIT_SESSION = resource("""
            {"Sid": "Session", "Effect": "Allow",
             "Principal": {"AWS": "arn:aws:sts::210987654321:assumed-role/deployer/s"},
             "Action": "ecr:BatchGetImage"}""");

    private static Arguments row(String name, Caller caller, String action, String resource, List<Policy> identity,
                                 List<Policy> resources, Outcome outcome, String sid) {
        return Arguments.of(name, caller, action, resource, identity, resources, outcome, sid);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                row("identity allow on wildcard resource", ALICE, "ecr:PutImage", REPO + "team/app",
                        List.of(PUSH), List.of(), Outcome.ALLOW, "Push"),
                row("identity allow spans / in resource", ALICE, "ecr:PutImage", REPO + "team/app/sub",
                        List.of(PUSH), List.of(), Outcome.ALLOW, "Push"),
                row("default deny outside the resource", ALICE, "ecr:PutImage", REPO + "other/app",
                        List.of(PUSH), List.of(), Outcome.IMPLICIT_DENY, null),
                row("default deny for an action not listed", ALICE, "ecr:BatchDeleteImage", REPO + "team/app",
                        List.of(PUSH), List.of(), Outcome.IMPLICIT_DENY, null),
                row("no policies at all", ALICE, "ecr:PutImage", REPO + "team/app",
                        List.of(), List.of(), Outcome.IMPLICIT_DENY, null),
                row("deny in the same identity policy wins", ALICE, "ecr:BatchDeleteImage", REPO + "team/app",
                        List.of(ALL_BUT_DELETE), List.of(), Outcome.EXPLICIT_DENY, "NoDelete"),
                row("deny in another identity policy wins", ALICE, "ecr:DeleteRepository", REPO + "team/app",
                        List.of(ECR_ALL, ALL_BUT_DELETE), List.of(), Outcome.EXPLICIT_DENY, "NoDelete"),
                row("deny whose condition fails does not apply", ALICE, "ecr:PutImage", REPO + "team/app",
                        List.of(DENY_WITH_UNMET_CONDITION), List.of(), Outcome.ALLOW, "All"),
                row("resource-policy deny beats identity allow", ALICE, "ecr:PutImage", REPO + "team/app",
                        List.of(ECR_ALL), List.of(REPO_DENY_PUSH), Outcome.EXPLICIT_DENY, "Frozen"),
                row("resource-policy deny beats resource allow", ANONYMOUS, "ecr:PutImage", REPO + "team/app",
                        List.of(), List.of(resource("""
                                {"Sid": "Open", "Effect": "Allow", "Principal": "*", "Action": "ecr:*"}"""),
                                REPO_DENY_PUSH), Outcome.EXPLICIT_DENY, "Frozen"),
                row("resource policy naming the role admits its session", CI, "ecr:BatchGetImage", REPO + "team/app",
                        List.of(), List.of(REPO_ROLE_PULL), Outcome.ALLOW, "RolePull"),
                row("resource policy naming the role ignores others", ALICE, "ecr:BatchGetImage", REPO + "team/app",
                        List.of(), List.of(REPO_ROLE_PULL), Outcome.IMPLICIT_DENY, null),
                row("identity OR resource: identity alone suffices", ALICE, "ecr:BatchGetImage", REPO + "team/app",
                        List.of(OTHER_PULL), List.of(REPO_ROLE_PULL), Outcome.ALLOW, "OtherPull"),
                row("account principal only delegates", ALICE, "ecr:PutImage", REPO + "team/app",
                        List.of(), List.of(REPO_ACCOUNT), Outcome.IMPLICIT_DENY, null),
                row("account principal plus identity allow", ALICE, "ecr:PutImage", REPO + "team/app",
                        List.of(PUSH), List.of(REPO_ACCOUNT), Outcome.ALLOW, "Push"),
                row("account principal matches the root directly", ROOT, "ecr:PutImage", REPO + "team/app",
                        List.of(), List.of(REPO_ACCOUNT), Outcome.ALLOW, "Account"),
                row("public repository: anonymous pull", ANONYMOUS, "ecr:BatchGetImage", REPO + "team/app",
                        List.of(), List.of(REPO_PUBLIC), Outcome.ALLOW, "Public"),
                row("public repository: anonymous push refused", ANONYMOUS, "ecr:PutImage", REPO + "team/app",
                        List.of(), List.of(REPO_PUBLIC), Outcome.IMPLICIT_DENY, null),
                row("NotPrincipal deny exempts the listed role's session", CI, "ecr:PutImage", REPO + "team/app",
                        List.of(ECR_ALL), List.of(REPO_ONLY_CI_PUSHES), Outcome.ALLOW, "All"),
                row("NotPrincipal deny hits everyone else", ALICE, "ecr:PutImage", REPO + "team/app",
                        List.of(ECR_ALL), List.of(REPO_ONLY_CI_PUSHES), Outcome.EXPLICIT_DENY, "OnlyCi"),
                row("NotPrincipal deny hits other accounts", OTHER, "ecr:PutImage", REPO + "team/app",
                        List.of(ECR_ALL), List.of(REPO_ONLY_CI_PUSHES), Outcome.EXPLICIT_DENY, "OnlyCi"),
                row("NotPrincipal without the account does not exempt", CI, "ecr:PutImage", REPO + "team/app",
                        List.of(ECR_ALL), List.of(resource("""
                                {"Sid": "RoleOnly", "Effect": "Deny",
                                 "NotPrincipal": {"AWS": "arn:aws:iam::123456789012:role/ci"}, "Action": "ecr:PutImage"}""")),
                        Outcome.EXPLICIT_DENY, "RoleOnly"),
                row("cross-account: both sides allow", OTHER, "ecr:BatchGetImage", REPO + "team/app",
                        List.of(OTHER_PULL), List.of(REPO_CROSS_ACCOUNT), Outcome.ALLOW, "CrossPull"),
                row("cross-account: resource side only", OTHER, "ecr:BatchGetImage", REPO + "team/app",
                        List.of(), List.of(REPO_CROSS_ACCOUNT), Outcome.IMPLICIT_DENY, null),
                row("cross-account: identity side only", OTHER, "ecr:BatchGetImage", REPO + "team/app",
                        List.of(OTHER_PULL), List.of(), Outcome.IMPLICIT_DENY, null),
                row("cross-account: naming the session still needs identity", OTHER, "ecr:BatchGetImage", REPO + "a",
                        List.of(), List.of(REPO_EXPLICIT_SESSION), Outcome.IMPLICIT_DENY, null),
                row("cross-account: naming the session plus identity", OTHER, "ecr:BatchGetImage", REPO + "a",
                        List.of(OTHER_PULL), List.of(REPO_EXPLICIT_SESSION), Outcome.ALLOW, "Session"),
                row("NotAction allows what it does not list", ALICE, "ecr:PutImage", REPO + "team/app",
                        List.of(NOT_ACTION), List.of(), Outcome.ALLOW, "NotDelete"),
                row("NotAction excludes what it lists", ALICE, "ecr:DeleteRepository", REPO + "team/app",
                        List.of(NOT_ACTION), List.of(), Outcome.IMPLICIT_DENY, null),
                row("NotResource allows elsewhere", ALICE, "ecr:PutImage", REPO + "team/app",
                        List.of(NOT_RESOURCE), List.of(), Outcome.ALLOW, "NotProd"),
                row("NotResource excludes what it lists", ALICE, "ecr:PutImage", REPO + "prod/app",
                        List.of(NOT_RESOURCE), List.of(), Outcome.IMPLICIT_DENY, null),
                row("action without resource matches Resource *", ALICE, "ecr:GetAuthorizationToken", null,
                        List.of(ECR_ALL), List.of(), Outcome.ALLOW, "All"),
                row("action without resource misses ARN patterns", ALICE, "ecr:GetAuthorizationToken", null,
                        List.of(REPO_SCOPED_TOKEN), List.of(), Outcome.IMPLICIT_DENY, null),
                row("actions compare case-insensitively", ALICE, "ecr:PutImage", REPO + "x",
                        List.of(MIXED_CASE), List.of(), Outcome.ALLOW, "Mixed"),
                row("policy variable in Resource: own prefix", ALICE, "ecr:PutImage", REPO + "alice/app",
                        List.of(PER_USER), List.of(), Outcome.ALLOW, "Own"),
                row("policy variable in Resource: other prefix", ALICE, "ecr:PutImage", REPO + "bob/app",
                        List.of(PER_USER), List.of(), Outcome.IMPLICIT_DENY, null),
                row("policy variable without a value matches nothing", CI, "ecr:PutImage", REPO + "ci/app",
                        List.of(PER_USER), List.of(), Outcome.IMPLICIT_DENY, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluates(String name, Caller caller, String action, String resource, List<Policy> identity,
                   List<Policy> resources, Outcome outcome, String sid) {
        RequestContext.Builder b = RequestContext.builder(caller, action, NOW);
        if (resource != null) {
            b.resource(Arn.parse(resource));
        }
        Decision decision = PolicyEvaluator.evaluate(b.build(), identity, resources);
        assertThat(decision.outcome()).as(decision.reason()).isEqualTo(outcome);
        assertThat(decision.sid().orElse(null)).isEqualTo(sid);
        assertThat(decision.statement().isPresent()).isEqualTo(outcome != Outcome.IMPLICIT_DENY);
    }

    @Test
    void explainsTheDecision() {
        RequestContext ctx = RequestContext.builder(ALICE, "ecr:BatchDeleteImage", NOW)
                .resource(Arn.parse(REPO + "team/app")).build();
        Decision deny = PolicyEvaluator.evaluate(ctx, List.of(ALL_BUT_DELETE), List.of());
        assertThat(deny.statement().orElseThrow())
                .isEqualTo(new StatementRef("id", PolicyKind.IDENTITY, 1, "NoDelete"));
        assertThat(deny.reason()).isEqualTo("explicitly denied by identity policy 'id' statement NoDelete");

        Decision none = PolicyEvaluator.evaluate(ctx, List.of(PUSH), List.of());
        assertThat(none.reason()).isEqualTo("no statement allows ecr:BatchDeleteImage on " + REPO + "team/app for "
                + "arn:aws:iam::123456789012:user/alice");
        assertThat(none.sid()).isEmpty();

        Policy noSid = identity("{\"Effect\": \"Allow\", \"Action\": \"ecr:*\", \"Resource\": \"*\"}");
        Decision allow = PolicyEvaluator.evaluate(ctx, List.of(noSid), List.of());
        assertThat(allow.sid()).isEmpty();
        assertThat(allow.reason()).isEqualTo("allowed by identity policy 'id' statement #0");
    }

    @Test
    void refusesPoliciesInTheWrongList() {
        RequestContext ctx = RequestContext.builder(ALICE, "ecr:PutImage", NOW).build();
        assertThatThrownBy(() -> PolicyEvaluator.evaluate(ctx, List.of(REPO_PUBLIC), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("given as a identity policy");
        assertThatThrownBy(() -> PolicyEvaluator.evaluate(ctx, List.of(), List.of(PUSH)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void derivesGlobalConditionKeys() {
        Policy policy = identity("""
                {"Sid": "Office", "Effect": "Allow", "Action": "ecr:*", "Resource": "*",
                 "Condition": {"IpAddress": {"AWS:SOURCEIP": "192.0.2.0/24"},
                               "DateLessThan": {"aws:CurrentTime": "2026-03-01T12:00:01Z"},
                               "NumericGreaterThanEquals": {"aws:EpochTime": "1772366400"},
                               "ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::123456789012:role/ci"},
                               "StringEquals": {"aws:PrincipalAccount": "123456789012",
                                                "aws:PrincipalType": "AssumedRole"}}}""");
        RequestContext inside = RequestContext.builder(CI, "ecr:PutImage", NOW).sourceIp("192.0.2.10").build();
        RequestContext outside = RequestContext.builder(CI, "ecr:PutImage", NOW).sourceIp("198.51.100.1").build();
        RequestContext noAddress = RequestContext.builder(CI, "ecr:PutImage", NOW).build();
        RequestContext later = RequestContext.builder(CI, "ecr:PutImage", NOW.plusSeconds(5)).sourceIp("192.0.2.10").build();
        assertThat(PolicyEvaluator.evaluate(inside, List.of(policy), List.of()).allowed()).isTrue();
        assertThat(PolicyEvaluator.evaluate(outside, List.of(policy), List.of()).allowed()).isFalse();
        assertThat(PolicyEvaluator.evaluate(noAddress, List.of(policy), List.of()).allowed()).isFalse();
        assertThat(PolicyEvaluator.evaluate(later, List.of(policy), List.of()).allowed()).isFalse();
        assertThat(inside.values("aws:username")).isEmpty();
        assertThat(RequestContext.builder(ALICE, "ecr:PutImage", NOW).build().values("AWS:UserName"))
                .containsExactly("alice");
    }

    @Test
    void explicitKeysOverrideDerivedOnes() {
        RequestContext ctx = RequestContext.builder(ALICE, "ecr:PutImage", NOW)
                .key("aws:CurrentTime", "2000-01-01T00:00:00Z").build();
        assertThat(ctx.values("aws:currenttime")).containsExactly("2000-01-01T00:00:00Z");
    }

    @Test
    void requestContextContracts() {
        assertThatThrownBy(() -> RequestContext.builder(ALICE, "ecr:*", NOW))
                .hasMessageContaining("without wildcards");
        assertThatThrownBy(() -> RequestContext.builder(ALICE, "PutImage", NOW))
                .hasMessageContaining("service:Action");
        assertThatThrownBy(() -> RequestContext.builder(ALICE, "ecr:PutImage", NOW).sourceIp("example.com"))
                .hasMessageContaining("not an IP address literal");
        RequestContext ctx = RequestContext.builder(ALICE, "ecr:PutImage", NOW)
                .key("ecr:ImageTag", "v1").key("ecr:ImageTag").build();
        assertThat(ctx.values("ecr:imagetag")).isEmpty();
        assertThat(ctx.resourceText()).isEqualTo("*");
    }

    @Test
    void callers() {
        assertThat(CI.kind()).isEqualTo(Caller.Kind.ASSUMED_ROLE);
        assertThat(CI.principalArn().orElseThrow()).hasToString("arn:aws:iam::123456789012:role/ci");
        assertThat(Caller.of(Arn.parse("arn:aws:sts::123456789012:assumed-role/ci/s")).roleArn().orElseThrow())
                .hasToString("arn:aws:iam::123456789012:role/ci");
        assertThat(Caller.assumedRole(Arn.parse("arn:aws:sts::123456789012:assumed-role/ci/s"),
                Arn.parse("arn:aws:iam::123456789012:role/teams/ci")).roleArn().orElseThrow())
                .hasToString("arn:aws:iam::123456789012:role/teams/ci");
        assertThatThrownBy(() -> Caller.assumedRole(Arn.parse("arn:aws:sts::123456789012:assumed-role/ci/s"),
                Arn.parse("arn:aws:iam::123456789012:role/cd"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Caller.of(Arn.parse("arn:aws:ecr:us-east-1:123456789012:repository/a")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Caller.of(Arn.parse("arn:aws:iam::123456789012:role/")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Caller.of(Arn.parse("arn:aws:iam::123456789012:user")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ROOT.kind()).isEqualTo(Caller.Kind.ROOT);
        assertThat(ANONYMOUS.account()).isEmpty();
        assertThat(Caller.service("replication.ecr.amazonaws.com").kind()).isEqualTo(Caller.Kind.SERVICE);
    }

    @Test
    void servicePrincipals() {
        Policy repo = resource("""
                {"Sid": "Replication", "Effect": "Allow", "Principal": {"Service": "replication.ecr.amazonaws.com"},
                 "Action": "ecr:*"}""");
        RequestContext svc = RequestContext.builder(Caller.service("replication.ecr.amazonaws.com"),
                "ecr:PutImage", NOW).resource(Arn.parse(REPO + "a")).build();
        RequestContext other = RequestContext.builder(Caller.service("lambda.amazonaws.com"),
                "ecr:PutImage", NOW).resource(Arn.parse(REPO + "a")).build();
        assertThat(PolicyEvaluator.evaluate(svc, List.of(), List.of(repo)).sid()).contains("Replication");
        assertThat(PolicyEvaluator.evaluate(other, List.of(), List.of(repo)).allowed()).isFalse();
    }
}
