package dev.berth.iam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.iam.Decision.Outcome;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ecr:ImageTag condition key (a Berth extension): "only the release workflow on refs/tags/v* may create v* tags;
 * pull-request builds may only push pr-*".
 */
class ImageTagPolicyTest {
    private static final Policy RELEASE = Policy.parse(PolicyKind.IDENTITY, "release-push", """
            {"Version": "2012-10-17", "Statement": [{
              "Sid": "ReleaseTags", "Effect": "Allow", "Action": "ecr:PutImage",
              "Resource": "arn:aws:ecr:us-east-1:123456789012:repository/acme/*",
              "Condition": {"StringLike": {"ecr:ImageTag": "v*"}}}]}""");
    private static final Policy PULL_REQUEST = Policy.parse(PolicyKind.IDENTITY, "pr-push", """
            {"Version": "2012-10-17", "Statement": [{
              "Sid": "PrTags", "Effect": "Allow", "Action": "ecr:PutImage",
              "Resource": "arn:aws:ecr:us-east-1:123456789012:repository/acme/*",
              "Condition": {"StringLike": {"ecr:ImageTag": "pr-*"}}}]}""");
    private static final Policy DEVELOPER = Policy.parse(PolicyKind.IDENTITY, "developer", """
            {"Version": "2012-10-17", "Statement": [{
              "Sid": "Everything", "Effect": "Allow", "Action": "ecr:*", "Resource": "*"}]}""");
    /** Repository policy: v* tags are reserved for the release role, whatever identity policies say. */
    private static final Policy RESERVED = Policy.parse(PolicyKind.RESOURCE, "repository-policy", """
            {"Version": "2012-10-17", "Statement": [{
              "Sid": "ReleaseTagsAreReserved", "Effect": "Deny", "Principal": "*", "Action": "ecr:PutImage",
              "Condition": {"StringLike": {"ecr:ImageTag": "v*"},
                            "ArnNotEquals": {"aws:PrincipalArn": "arn:aws:iam::123456789012:role/release"}}}]}""");

    static Stream<Arguments> pushes() {
        return Stream.of(
                Arguments.of("release", RELEASE, "v1.2.3", Outcome.ALLOW, "ReleaseTags"),
                Arguments.of("release", RELEASE, "V1.2.3", Outcome.IMPLICIT_DENY, null),
                Arguments.of("release", RELEASE, "pr-17", Outcome.IMPLICIT_DENY, null),
                Arguments.of("release", RELEASE, null, Outcome.IMPLICIT_DENY, null),
                Arguments.of("pr", PULL_REQUEST, "pr-17", Outcome.ALLOW, "PrTags"),
                Arguments.of("pr", PULL_REQUEST, "v1.2.3", Outcome.EXPLICIT_DENY, "ReleaseTagsAreReserved"),
                Arguments.of("pr", PULL_REQUEST, "latest", Outcome.IMPLICIT_DENY, null),
                Arguments.of("developer", DEVELOPER, "v9.9.9", Outcome.EXPLICIT_DENY, "ReleaseTagsAreReserved"),
                Arguments.of("developer", DEVELOPER, "dev-42", Outcome.ALLOW, "Everything"),
                Arguments.of("developer", DEVELOPER, null, Outcome.ALLOW, "Everything"));
    }

    @ParameterizedTest(name = "{0} pushes {2} -> {3}")
    @MethodSource("pushes")
    void tagConditions(String role, Policy identity, String tag, Outcome outcome, String sid) {
        RequestContext.Builder b = RequestContext.builder(
                        Caller.of(Arn.parse("arn:aws:sts::123456789012:assumed-role/" + role + "/GitHubActions")),
                        "ecr:PutImage", Fixtures.NOW)
                .resource(Arn.parse("arn:aws:ecr:us-east-1:123456789012:repository/acme/app"));
        if (tag != null) {
            b.key(ConditionKeys.ECR_IMAGE_TAG, tag);
        }
        Decision d = PolicyEvaluator.evaluate(b.build(), List.of(identity), List.of(RESERVED));
        assertThat(d.outcome()).as(d.reason()).isEqualTo(outcome);
        assertThat(d.sid().orElse(null)).isEqualTo(sid);
    }
}
