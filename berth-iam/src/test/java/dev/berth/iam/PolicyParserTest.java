package dev.berth.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyParserTest {
    private static final String ALLOW_ALL = """
            {"Effect": "Allow", "Action": "ecr:*", "Resource": "*"}""";

    private static String doc(String statement) {
        return "{\"Version\": \"2012-10-17\", \"Statement\": [" + statement + "]}";
    }

    private static Arguments bad(PolicyKind kind, String json, String message) {
        return Arguments.of(kind, json, message);
    }

    static Stream<Arguments> malformed() {
        PolicyKind id = PolicyKind.IDENTITY;
        PolicyKind res = PolicyKind.RESOURCE;
        PolicyKind trust = PolicyKind.TRUST;
        return Stream.of(
                bad(id, "", "Syntax errors in policy: the document is empty"),
                bad(id, "{", "Syntax errors in policy"),
                bad(id, "{\"Statement\": [" + ALLOW_ALL + "]} trailing", "Syntax errors in policy"),
                bad(id, "[]", "the document must be a JSON object"),
                bad(id, "{\"Version\": \"2012-10-17\"}", "Missing required field Statement"),
                bad(id, "{\"Version\": \"2012-10-17\", \"Statement\": []}", "at least one statement"),
                bad(id, "{\"Version\": \"2012-10-18\", \"Statement\": " + ALLOW_ALL + "}",
                        "The policy must contain a valid version string"),
                bad(id, "{\"Version\": 2012, \"Statement\": " + ALLOW_ALL + "}", "valid version string"),
                bad(id, "{\"Statment\": " + ALLOW_ALL + "}", "unknown field Statment"),
                bad(id, "{\"Statement\": " + ALLOW_ALL + ", \"Statement\": " + ALLOW_ALL + "}",
                        "Duplicate field 'Statement'"),
                bad(id, "{\"Statement\": [\"Allow\"]}", "statement 0 is not a JSON object"),
                bad(id, doc("{\"Action\": \"ecr:*\", \"Resource\": \"*\"}"), "Missing required field Effect [statement 0]"),
                bad(id, doc("{\"Effect\": \"allow\", \"Action\": \"ecr:*\", \"Resource\": \"*\"}"), "Invalid effect: allow"),
                bad(id, doc("{\"Effect\": true, \"Action\": \"ecr:*\", \"Resource\": \"*\"}"), "Effect must be a string"),
                bad(id, doc(ALLOW_ALL + ", {\"Sid\": \"Two\", \"Effect\": \"Allow\", \"Resource\": \"*\"}"),
                        "Policy statement must contain actions. [statement 1 (Sid Two)]"),
                bad(id, doc("{\"Effect\": \"Allow\", \"Action\": \"ecr:*\", \"NotAction\": \"iam:*\", \"Resource\": \"*\"}"),
                        "Statement cannot have both Action and NotAction"),
                bad(id, doc("{\"Effect\": \"Allow\", \"Action\": [], \"Resource\": \"*\"}"),
                        "Policy statement must contain actions."),
                bad(id, doc("{\"Effect\": \"Allow\", \"Action\": \"PutImage\", \"Resource\": \"*\"}"),
                        "Actions/Conditions must be prefaced by a vendor"),
                bad(id, doc("{\"Effect\": \"Allow\", \"Action\": [\"ecr:PutImage\", 7], \"Resource\": \"*\"}"),
                        "Action must be a string or a list of strings"),
                bad(id, doc("{\"Effect\": \"Allow\", \"Action\": \"ecr:*\"}"), "Policy statement must contain resources."),
                bad(id, doc("{\"Effect\": \"Allow\", \"Action\": \"ecr:*\", \"Resource\": \"*\", \"NotResource\": \"*\"}"),
                        "Statement cannot have both Resource and NotResource"),
                bad(id, doc("{\"Effect\": \"Allow\", \"Action\": \"ecr:*\", \"Resource\": \"my-repo\"}"),
                        "Resource my-repo must be in ARN format or \"*\"."),
                bad(id, doc("{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"ecr:*\", \"Resource\": \"*\"}"),
                        "Policy document should not specify a principal."),
                bad(id, doc("{\"Effect\": \"Allow\", \"Actions\": \"ecr:*\", \"Resource\": \"*\"}"), "unknown field Actions"),
                bad(id, doc("{\"Sid\": 1, \"Effect\": \"Allow\", \"Action\": \"ecr:*\", \"Resource\": \"*\"}"),
                        "Sid must be a string"),
                bad(id, doc("{\"Sid\": \"Allow pull\", \"Effect\": \"Allow\", \"Action\": \"ecr:*\", \"Resource\": \"*\"}"),
                        "Statement IDs (SID) must be alpha-numeric"),
                bad(id, doc("{\"Sid\": \"A\", \"Effect\": \"Allow\", \"Action\": \"ecr:*\", \"Resource\": \"*\"},"
                        + "{\"Sid\": \"A\", \"Effect\": \"Deny\", \"Action\": \"ecr:*\", \"Resource\": \"*\"}"),
                        "Statement IDs (SID) in a single policy must be unique: A"),
                bad(res, doc("{\"Effect\": \"Allow\", \"Action\": \"ecr:*\"}"), "Missing required field Principal"),
                bad(res, doc("{\"Effect\": \"Allow\", \"Principal\": \"*\", \"NotPrincipal\": \"*\", \"Action\": \"ecr:*\"}"),
                        "Statement cannot have both Principal and NotPrincipal"),
                bad(res, doc("{\"Effect\": \"Allow\", \"Principal\": \"someone\", \"Action\": \"ecr:*\"}"),
                        "Invalid principal in policy"),
                bad(res, doc("{\"Effect\": \"Allow\", \"Principal\": {}, \"Action\": \"ecr:*\"}"),
                        "Invalid principal in policy"),
                bad(res, doc("{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::123456789012:role/*\"},"
                        + " \"Action\": \"ecr:*\"}"),
                        "Invalid principal in policy: \"AWS\":\"arn:aws:iam::123456789012:role/*\""),
                bad(res, doc("{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:ecr:us-east-1:123456789012:repository/a\"},"
                        + " \"Action\": \"ecr:*\"}"), "Invalid principal in policy"),
                bad(res, doc("{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"12345\"}, \"Action\": \"ecr:*\"}"),
                        "Invalid principal in policy: \"AWS\":\"12345\""),
                bad(res, doc("{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": []}, \"Action\": \"ecr:*\"}"),
                        "Principal.AWS is empty"),
                bad(res, doc("{\"Effect\": \"Allow\", \"Principal\": {\"CanonicalUser\": \"abc\"}, \"Action\": \"ecr:*\"}"),
                        "CanonicalUser principals are not supported"),
                bad(res, doc("{\"Effect\": \"Allow\", \"Principal\": {\"Group\": \"x\"}, \"Action\": \"ecr:*\"}"),
                        "unknown principal type Group"),
                bad(trust, doc("{\"Effect\": \"Allow\", \"Principal\": {\"Federated\": \"arn:aws:iam::123456789012:oidc-provider/x\"},"
                        + " \"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Resource\": \"*\"}"),
                        "Has prohibited field Resource"),
                bad(trust, doc("{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ecr.amazonaws.com\"},"
                        + " \"Action\": \"ecr:PutImage\"}"),
                        "AssumeRole policy may only specify STS AssumeRole actions."),
                bad(trust, doc("{\"Effect\": \"Allow\", \"Action\": \"sts:AssumeRole\"}"), "Missing required field Principal"),
                bad(id, condition("\"StringEqual\": {\"aws:username\": \"a\"}"), "Unknown condition operator 'StringEqual'"),
                bad(id, condition("\"ForAnyValue:ForAllValues:StringEquals\": {\"aws:username\": \"a\"}"),
                        "Unknown condition operator 'ForAnyValue:ForAllValues:StringEquals'"),
                bad(id, condition("\"StringEqualsIfExistsIfExists\": {\"aws:username\": \"a\"}"),
                        "Unknown condition operator"),
                bad(id, condition("\"NullIfExists\": {\"aws:username\": \"true\"}"),
                        "Null takes no ForAnyValue/ForAllValues prefix and no IfExists"),
                bad(id, condition("\"ForAllValues:Null\": {\"aws:username\": \"true\"}"), "Null takes no"),
                bad(id, condition("\"NumericEquals\": {\"aws:MultiFactorAuthAge\": \"abc\"}"),
                        "NumericEquals value 'abc' is not a number"),
                bad(id, condition("\"DateGreaterThan\": {\"aws:CurrentTime\": \"yesterday\"}"),
                        "DateGreaterThan value 'yesterday' is not an ISO-8601 date or epoch seconds"),
                bad(id, condition("\"IpAddress\": {\"aws:SourceIp\": \"10.0.0.0/33\"}"),
                        "IpAddress value '10.0.0.0/33' is not an IP address or CIDR block"),
                bad(id, condition("\"NotIpAddress\": {\"aws:SourceIp\": \"intranet\"}"), "is not an IP address"),
                bad(id, condition("\"Bool\": {\"aws:SecureTransport\": \"yes\"}"), "Bool value 'yes' is not true or false"),
                bad(id, condition("\"Null\": {\"ecr:ImageTag\": \"maybe\"}"), "Null value 'maybe' is not true or false"),
                bad(id, condition("\"StringEquals\": {\"aws:username\": {\"a\": 1}}"),
                        "must have a string, number or boolean value or a list of them"),
                bad(id, condition("\"StringEquals\": {\"aws:username\": null}"), "must have a string, number or boolean"),
                bad(id, condition("\"StringEquals\": {\"aws:username\": []}"), "has no values"),
                bad(id, condition("\"StringEquals\": {}"), "must map condition keys to values"),
                bad(id, condition("\"StringEquals\": \"aws:username\""), "must map condition keys to values"),
                bad(id, condition("\"StringEquals\": {\"username\": \"a\"}"),
                        "Condition key 'username' must be prefaced by a vendor"),
                bad(id, doc("{\"Effect\": \"Allow\", \"Action\": \"ecr:*\", \"Resource\": \"*\", \"Condition\": []}"),
                        "Condition must be a JSON object"));
    }

    private static String condition(String block) {
        return doc("{\"Effect\": \"Allow\", \"Action\": \"ecr:*\", \"Resource\": \"*\", \"Condition\": {" + block + "}}");
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @MethodSource("malformed")
    void refusesMalformedDocuments(PolicyKind kind, String json, String message) {
        assertThatThrownBy(() -> Policy.parse(kind, json))
                .isInstanceOf(MalformedPolicyDocumentException.class)
                .hasMessageContaining(message);
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of(PolicyKind.IDENTITY, "{\"Statement\": " + ALLOW_ALL + "}", PolicyVersion.V2008_10_17, 1),
                Arguments.of(PolicyKind.IDENTITY, "{\"Version\": \"2008-10-17\", \"Statement\": " + ALLOW_ALL + "}",
                        PolicyVersion.V2008_10_17, 1),
                Arguments.of(PolicyKind.IDENTITY, doc(ALLOW_ALL + "," + ALLOW_ALL), PolicyVersion.V2012_10_17, 2),
                Arguments.of(PolicyKind.IDENTITY, "{\"Version\": \"2012-10-17\", \"Id\": \"ci\", \"Statement\": {"
                        + "\"Effect\": \"Deny\", \"NotAction\": [\"ecr:Get*\"], \"NotResource\": [\"arn:aws:ecr:*:*:repository/x\"],"
                        + "\"Condition\": {}}}", PolicyVersion.V2012_10_17, 1),
                Arguments.of(PolicyKind.RESOURCE, doc("{\"Sid\": \"same id\", \"Effect\": \"Allow\", \"Principal\": \"*\","
                        + " \"Action\": \"ecr:BatchGetImage\"}, {\"Sid\": \"same id\", \"Effect\": \"Deny\","
                        + " \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"ecr:DeleteRepository\"}"),
                        PolicyVersion.V2012_10_17, 2),
                Arguments.of(PolicyKind.RESOURCE, doc("{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": [\"123456789012\","
                        + " \"arn:aws:iam::210987654321:root\", \"arn:aws:iam::123456789012:role/path/ci\","
                        + " \"arn:aws:sts::123456789012:assumed-role/ci/s\", \"arn:aws:iam::123456789012:user/u\"],"
                        + " \"Service\": \"replication.ecr.amazonaws.com\"}, \"Action\": [\"ecr:*\"]}"),
                        PolicyVersion.V2012_10_17, 1),
                Arguments.of(PolicyKind.TRUST, doc("{\"Effect\": \"Allow\", \"NotPrincipal\": {\"AWS\": \"123456789012\"},"
                        + " \"Action\": [\"sts:AssumeRole\", \"sts:TagSession\"]}"), PolicyVersion.V2012_10_17, 1),
                Arguments.of(PolicyKind.IDENTITY, doc("{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\","
                        + " \"Condition\": {\"NumericLessThan\": {\"aws:MultiFactorAuthAge\": 3600},"
                        + " \"Bool\": {\"aws:SecureTransport\": true},"
                        + " \"StringLike\": {\"s3:prefix\": [\"home/${aws:username}/*\", \"\"]}}}"),
                        PolicyVersion.V2012_10_17, 1));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("accepted")
    void acceptsWellFormedDocuments(PolicyKind kind, String json, PolicyVersion version, int statements) {
        Policy policy = Policy.parse(kind, json);
        assertThat(policy.version()).isEqualTo(version);
        assertThat(policy.statements()).hasSize(statements);
    }

    @Test
    void keepsWhatTheDocumentSays() {
        Policy policy = Policy.parse(PolicyKind.RESOURCE, "repository-policy", """
                {"Version": "2008-10-17", "Id": "repo",
                 "Statement": {"Sid": "Pull", "Effect": "Allow",
                               "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
                               "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
                               "Condition": {"StringLikeIfExists": {"ecr:ImageTag": ["v*", "latest"]}}}}""");
        assertThat(policy.name()).isEqualTo("repository-policy");
        assertThat(policy.id()).isEqualTo("repo");
        Statement s = policy.statements().getFirst();
        assertThat(s.sid()).isEqualTo("Pull");
        assertThat(s.label()).isEqualTo("Pull");
        assertThat(s.effect()).isEqualTo(Effect.ALLOW);
        assertThat(s.principals().entries())
                .containsExactly(new Principals.Entry(Principals.Type.AWS, "123456789012"));
        assertThat(s.actions().patterns()).containsExactly("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer");
        assertThat(s.resources()).isSameAs(Resources.IMPLICIT);
        ConditionClause clause = s.condition().clauses().getFirst();
        assertThat(clause.operator()).hasToString("StringLikeIfExists");
        assertThat(clause.key()).isEqualTo("ecr:ImageTag");
        assertThat(clause.values()).containsExactly("v*", "latest");
    }

    @Test
    void labelsByIdOrKind() {
        assertThat(Policy.parse(PolicyKind.IDENTITY, "{\"Statement\": " + ALLOW_ALL + "}").name())
                .isEqualTo("identity-policy");
        assertThat(Policy.parse(PolicyKind.IDENTITY, "{\"Id\": \"x\", \"Statement\": " + ALLOW_ALL + "}").name())
                .isEqualTo("x");
    }
}
