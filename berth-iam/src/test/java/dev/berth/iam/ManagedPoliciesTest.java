package dev.berth.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ManagedPoliciesTest {
    private static final String REPO = "acme/app";

    private static Arguments row(ManagedPolicy policy, String action, boolean allowed) {
        return Arguments.of(policy.name(), policy, action, allowed);
    }

    static Stream<Arguments> permissions() {
        ManagedPolicy ro = ManagedPolicies.READ_ONLY;
        ManagedPolicy pu = ManagedPolicies.POWER_USER;
        ManagedPolicy pull = ManagedPolicies.PULL_ONLY;
        ManagedPolicy full = ManagedPolicies.FULL_ACCESS;
        return Stream.of(
                row(ro, "ecr:GetAuthorizationToken", true),
                row(ro, "ecr:BatchGetImage", true),
                row(ro, "ecr:GetDownloadUrlForLayer", true),
                row(ro, "ecr:BatchCheckLayerAvailability", true),
                row(ro, "ecr:DescribeRepositories", true),
                row(ro, "ecr:ListImages", true),
                row(ro, "ecr:DescribeImageScanFindings", true),
                row(ro, "ecr:GetLifecyclePolicyPreview", true),
                row(ro, "ecr:PutImage", false),
                row(ro, "ecr:InitiateLayerUpload", false),
                row(ro, "ecr:BatchDeleteImage", false),
                row(pu, "ecr:BatchGetImage", true),
                row(pu, "ecr:InitiateLayerUpload", true),
                row(pu, "ecr:UploadLayerPart", true),
                row(pu, "ecr:CompleteLayerUpload", true),
                row(pu, "ecr:PutImage", true),
                row(pu, "ecr:CreateRepository", false),
                row(pu, "ecr:DeleteRepository", false),
                row(pu, "ecr:SetRepositoryPolicy", false),
                row(pu, "ecr:BatchDeleteImage", false),
                row(pull, "ecr:GetAuthorizationToken", true),
                row(pull, "ecr:BatchGetImage", true),
                row(pull, "ecr:GetDownloadUrlForLayer", true),
                row(pull, "ecr:BatchImportUpstreamImage", true),
                row(pull, "ecr:BatchCheckLayerAvailability", false),
                row(pull, "ecr:DescribeRepositories", false),
                row(pull, "ecr:PutImage", false),
                row(full, "ecr:DeleteRepository", true),
                row(full, "ecr:PutRegistryPolicy", true),
                row(full, "ecr:PutImage", true),
                row(full, "cloudtrail:LookupEvents", true),
                row(full, "iam:CreateRole", false),
                row(full, "sts:AssumeRole", false));
    }

    @ParameterizedTest(name = "{0} {2} = {3}")
    @MethodSource("permissions")
    void grants(String name, ManagedPolicy policy, String action, boolean allowed) {
        String resource = action.startsWith("ecr:") && !action.equals("ecr:GetAuthorizationToken") ? REPO : null;
        RequestContext ctx = Fixtures.session("ci", action, resource);
        Decision d = PolicyEvaluator.evaluate(ctx, List.of(policy.policy()), List.of());
        assertThat(d.allowed()).as(d.reason()).isEqualTo(allowed);
        if (allowed) {
            assertThat(d.statement().orElseThrow().policyName()).isEqualTo(policy.arn().toString());
        }
    }

    @Test
    void fullAccessCreatesOnlyTheReplicationServiceLinkedRole() {
        Policy full = ManagedPolicies.FULL_ACCESS.policy();
        Caller ci = Fixtures.session("ci", "ecr:PutImage", null).caller();
        RequestContext replication = RequestContext.builder(ci, "iam:CreateServiceLinkedRole", Fixtures.NOW)
                .resource(Arn.parse("arn:aws:iam::123456789012:role/aws-service-role/replication.ecr.amazonaws.com/x"))
                .key("iam:AWSServiceName", "replication.ecr.amazonaws.com").build();
        RequestContext other = RequestContext.builder(ci, "iam:CreateServiceLinkedRole", Fixtures.NOW)
                .key("iam:AWSServiceName", "elasticbeanstalk.amazonaws.com").build();
        RequestContext unnamed = RequestContext.builder(ci, "iam:CreateServiceLinkedRole", Fixtures.NOW).build();
        assertThat(PolicyEvaluator.evaluate(replication, List.of(full), List.of()).allowed()).isTrue();
        assertThat(PolicyEvaluator.evaluate(other, List.of(full), List.of()).allowed()).isFalse();
        assertThat(PolicyEvaluator.evaluate(unnamed, List.of(full), List.of()).allowed()).isFalse();
    }

    @Test
    void identifiedByTheirWellKnownArns() {
        assertThat(ManagedPolicies.all()).extracting(p -> p.arn().toString()).containsExactly(
                "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
                "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser",
                "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
                "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryFullAccess");
        assertThat(ManagedPolicies.byArn(Arn.parse("arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser")))
                .containsSame(ManagedPolicies.POWER_USER);
        assertThat(ManagedPolicies.byArn(Arn.parse("arn:aws:iam::aws:policy/AdministratorAccess"))).isEmpty();
        assertThat(ManagedPolicies.all()).allSatisfy(p -> {
            assertThat(p.path()).isEqualTo("/");
            assertThat(p.policy().kind()).isEqualTo(PolicyKind.IDENTITY);
            assertThat(p.policy().version()).isEqualTo(PolicyVersion.V2012_10_17);
            assertThat(p.document()).isEqualTo(Fixtures.resource("dev/berth/iam/managed/" + p.name() + ".json"));
        });
        assertThat(ManagedPolicies.PULL_ONLY.defaultVersionId()).isEqualTo("v1");
        assertThat(ManagedPolicies.POWER_USER.defaultVersionId()).isEqualTo("v3");
    }
}
