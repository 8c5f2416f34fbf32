package dev.berth.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ArnTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("arn:aws:ecr:us-east-1:123456789012:repository/team/app", "ecr", "us-east-1",
                        "123456789012", "repository", "team/app"),
                Arguments.of("arn:aws:iam::123456789012:role/path/ci", "iam", "", "123456789012", "role", "path/ci"),
                Arguments.of("arn:aws:iam::123456789012:root", "iam", "", "123456789012", "root", ""),
                Arguments.of("arn:aws:sts::123456789012:assumed-role/ci/GitHubActions", "sts", "", "123456789012",
                        "assumed-role", "ci/GitHubActions"),
                Arguments.of("arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com/acme",
                        "iam", "", "123456789012", "oidc-provider", "token.actions.githubusercontent.com/acme"),
                Arguments.of("arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser", "iam", "", "aws",
                        "policy", "AmazonEC2ContainerRegistryPowerUser"),
                Arguments.of("arn:aws-us-gov:logs:us-gov-west-1:123456789012:log-group:a:b", "logs", "us-gov-west-1",
                        "123456789012", "log-group", "a:b"),
                Arguments.of("arn:aws:s3:::bucket", "s3", "", "", "bucket", ""));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void parses(String text, String service, String region, String account, String type, String id) {
        Arn arn = Arn.parse(text);
        assertThat(arn.service()).isEqualTo(service);
        assertThat(arn.region()).isEqualTo(region);
        assertThat(arn.account()).isEqualTo(account);
        assertThat(arn.resourceType()).isEqualTo(type);
        assertThat(arn.resourceId()).isEqualTo(id);
        assertThat(arn.toString()).isEqualTo(text);
        assertThat(Arn.parse(arn.toString())).isEqualTo(arn);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("", "expected arn:partition"),
                Arguments.of("arn:aws:ecr:us-east-1:123456789012", "expected arn:partition"),
                Arguments.of("urn:aws:ecr:us-east-1:123456789012:repository/a", "does not start with 'arn:'"),
                Arguments.of("arn:gcp:ecr:us-east-1:123456789012:repository/a", "partition 'gcp'"),
                Arguments.of("arn:aws::us-east-1:123456789012:repository/a", "service ''"),
                Arguments.of("arn:aws:ECR:us-east-1:123456789012:repository/a", "service 'ECR'"),
                Arguments.of("arn:aws:ecr:US_EAST:123456789012:repository/a", "region 'US_EAST'"),
                Arguments.of("arn:aws:ecr:us-east-1:123456789:repository/a", "account '123456789'"),
                Arguments.of("arn:aws:ecr:us-east-1:*:repository/a", "account '*'"),
                Arguments.of("arn:aws:ecr:us-east-1:123456789012:", "resource is empty"),
                Arguments.of("arn:aws:ecr:us-east-1:123456789012:repository/a b", "whitespace"),
                Arguments.of("arn:aws:ecr:us-east-1:123456789012:repository/*", "no wildcards"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void refuses(String text, String problem) {
        assertThatThrownBy(() -> Arn.parse(text))
                .isInstanceOf(InvalidArnException.class)
                .hasMessageContaining(problem);
        assertThat(Arn.isArn(text)).isFalse();
    }

    @Test
    void accountRoot() {
        assertThat(Arn.accountRoot("aws", "123456789012")).hasToString("arn:aws:iam::123456789012:root");
    }
}
