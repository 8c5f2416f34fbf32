package dev.berth.identity;

import static dev.berth.identity.IamError.DELETE_CONFLICT;
import static dev.berth.identity.IamError.ENTITY_ALREADY_EXISTS;
import static dev.berth.identity.IamError.INVALID_INPUT;
import static dev.berth.identity.IamError.LIMIT_EXCEEDED;
import static dev.berth.identity.IamError.MALFORMED_POLICY_DOCUMENT;
import static dev.berth.identity.IamError.NO_SUCH_ENTITY;
import static dev.berth.identity.IamError.VALIDATION_ERROR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.metadata.IamTag;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every refusal of every operation, as a table: the call, the IAM error (code and status) and a part of the message.
 * Each row starts from the same account (the GitHub provider; role {@code gha} with a tag, an inline policy and an
 * attached policy; role {@code bare} with nothing) and checks that the refused call changed nothing.
 */
class IamServiceRefusalsTest extends IamServiceFixture {
    private static final String GHA_PROVIDER = GITHUB.toString();

    @BeforeEach
    void account() {
        createGitHubProvider();
        iam.createRole(CreateRoleRequest.of("gha", SEED_TRUST).withTags(List.of(new IamTag("team", "platform"))));
        iam.putRolePolicy("gha", "push", PUSH_POLICY);
        iam.attachRolePolicy("gha", POWER_USER);
        createRole("bare");
    }

    record Refusal(Consumer<IamService> call, IamError error, String message) {}

    static Stream<Arguments> refusals() {
        return Stream.of(
                // ---- CreateOpenIDConnectProvider
                row("url missing", s -> s.createOpenIDConnectProvider(null, null, null, null),
                        VALIDATION_ERROR, "Value null at 'url' failed to satisfy constraint: Member must not be null"),
                row("url empty", s -> s.createOpenIDConnectProvider("", null, null, null),
                        VALIDATION_ERROR, "at 'url' failed to satisfy constraint: Member must have length greater"),
                row("url longer than 255", s -> s.createOpenIDConnectProvider(
                        "https://example.com/" + "a".repeat(236), null, null, null),
                        VALIDATION_ERROR, "Member must have length less than or equal to 255"),
                row("url without scheme", s -> provider(s, "token.actions.githubusercontent.com"),
                        INVALID_INPUT, "it must begin with https://"),
                row("url with another scheme", s -> provider(s, "ftp://issuer.example.com"),
                        INVALID_INPUT, "it must begin with https://"),
                row("plain http to a public host", s -> provider(s, "http://token.actions.githubusercontent.com"),
                        INVALID_INPUT, "http:// is accepted only for loopback hosts"),
                row("plain http to 128.0.0.1", s -> provider(s, "http://128.0.0.1:8080"),
                        INVALID_INPUT, "only for loopback hosts"),
                row("plain http to a name that starts like localhost", s -> provider(s, "http://localhost.evil.com"),
                        INVALID_INPUT, "only for loopback hosts"),
                row("url with a query", s -> provider(s, "https://issuer.example.com/?tenant=1"),
                        INVALID_INPUT, "must not have a query or a fragment"),
                row("url with an empty query", s -> provider(s, "https://issuer.example.com?"),
                        INVALID_INPUT, "must not have a query or a fragment"),
                row("url with a fragment", s -> provider(s, "https://issuer.example.com/#x"),
                        INVALID_INPUT, "must not have a query or a fragment"),
                row("url with user information", s -> provider(s, "https://user@issuer.example.com"),
                        INVALID_INPUT, "without user information"),
                row("url without host", s -> provider(s, "https:///path"),
                        INVALID_INPUT, "must name a host"),
                row("url that is not a URL", s -> provider(s, "https://issuer example.com"),
                        INVALID_INPUT, "is not a URL"),
                row("provider already registered", s -> provider(s, GITHUB_ISSUER),
                        ENTITY_ALREADY_EXISTS, "Provider with url https://token.actions.githubusercontent.com "
                                + "already exists."),
                row("provider already registered, with a trailing slash", s -> provider(s, GITHUB_ISSUER + "/"),
                        ENTITY_ALREADY_EXISTS, "already exists"),
                row("101 client ids", s -> s.createOpenIDConnectProvider("https://issuer.example.com",
                        numbered("client-", 101), null, null),
                        LIMIT_EXCEEDED, "Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100"),
                row("empty client id", s -> s.createOpenIDConnectProvider("https://issuer.example.com",
                        List.of(""), null, null),
                        VALIDATION_ERROR, "at 'clientIDList.1.member'"),
                row("client id longer than 255", s -> s.createOpenIDConnectProvider("https://issuer.example.com",
                        List.of("ok", "c".repeat(256)), null, null),
                        VALIDATION_ERROR, "at 'clientIDList.2.member' failed to satisfy constraint: Member must have "
                                + "length less than or equal to 255"),
                row("thumbprint of 39 characters", s -> s.createOpenIDConnectProvider("https://issuer.example.com",
                        null, List.of(THUMBPRINT.substring(1)), null),
                        VALIDATION_ERROR, "at 'thumbprintList.1.member'"),
                row("thumbprint that is not hex", s -> s.createOpenIDConnectProvider("https://issuer.example.com",
                        null, List.of("z".repeat(40)), null),
                        INVALID_INPUT, "must be 40 hexadecimal characters"),
                row("six thumbprints", s -> s.createOpenIDConnectProvider("https://issuer.example.com",
                        null, numberedHex(6), null),
                        LIMIT_EXCEEDED, "Cannot exceed quota for ThumbprintsPerOpenIdConnectProvider: 5"),
                row("51 provider tags", s -> s.createOpenIDConnectProvider("https://issuer.example.com",
                        null, null, tags(51)),
                        VALIDATION_ERROR, "at 'tags' failed to satisfy constraint: Member must have length less than "
                                + "or equal to 50"),

                // ---- the other provider operations
                row("get: not an ARN", s -> s.getOpenIDConnectProvider("token.actions.githubusercontent.com"),
                        INVALID_INPUT, "ARN token.actions.githubusercontent.com is not valid."),
                row("get: shorter than an ARN can be", s -> s.getOpenIDConnectProvider("arn:aws"),
                        VALIDATION_ERROR, "Member must have length greater than or equal to 20"),
                row("get: a role ARN", s -> s.getOpenIDConnectProvider("arn:aws:iam::123456789012:role/gha"),
                        INVALID_INPUT, "is not valid"),
                row("get: unknown provider", s -> s.getOpenIDConnectProvider(
                        "arn:aws:iam::123456789012:oidc-provider/gitlab.com"),
                        NO_SUCH_ENTITY, "OpenIDConnect Provider not found for arn "
                                + "arn:aws:iam::123456789012:oidc-provider/gitlab.com"),
                row("get: provider of another account", s -> s.getOpenIDConnectProvider(
                        "arn:aws:iam::210987654321:oidc-provider/token.actions.githubusercontent.com"),
                        NO_SUCH_ENTITY, "not found"),
                row("delete: not an ARN", s -> s.deleteOpenIDConnectProvider("github"),
                        VALIDATION_ERROR, "at 'openIDConnectProviderArn'"),
                row("add client id: unknown provider", s -> s.addClientIDToOpenIDConnectProvider(
                        "arn:aws:iam::123456789012:oidc-provider/gitlab.com", "x"),
                        NO_SUCH_ENTITY, "OpenIDConnect Provider not found"),
                row("add client id: empty", s -> s.addClientIDToOpenIDConnectProvider(GHA_PROVIDER, ""),
                        VALIDATION_ERROR, "at 'clientID'"),
                row("add client id: missing", s -> s.addClientIDToOpenIDConnectProvider(GHA_PROVIDER, null),
                        VALIDATION_ERROR, "Value null at 'clientID'"),
                row("remove client id: unknown provider", s -> s.removeClientIDFromOpenIDConnectProvider(
                        "arn:aws:iam::123456789012:oidc-provider/gitlab.com", "x"),
                        NO_SUCH_ENTITY, "not found"),
                row("update thumbprints: list missing", s -> s.updateOpenIDConnectProviderThumbprint(GHA_PROVIDER,
                        null),
                        VALIDATION_ERROR, "Value null at 'thumbprintList'"),
                row("update thumbprints: unknown provider", s -> s.updateOpenIDConnectProviderThumbprint(
                        "arn:aws:iam::123456789012:oidc-provider/gitlab.com", List.of(THUMBPRINT)),
                        NO_SUCH_ENTITY, "not found"),
                row("update thumbprints: not hex", s -> s.updateOpenIDConnectProviderThumbprint(GHA_PROVIDER,
                        List.of("g".repeat(40))),
                        INVALID_INPUT, "hexadecimal"),

                // ---- CreateRole
                row("role name missing", s -> s.createRole(CreateRoleRequest.of(null, SEED_TRUST)),
                        VALIDATION_ERROR, "Value null at 'roleName' failed to satisfy constraint: Member must not be "
                                + "null"),
                row("role name empty", s -> s.createRole(CreateRoleRequest.of("", SEED_TRUST)),
                        VALIDATION_ERROR, "at 'roleName' failed to satisfy constraint: Member must have length "
                                + "greater than or equal to 1"),
                row("role name of 65 characters", s -> s.createRole(CreateRoleRequest.of("r".repeat(65), SEED_TRUST)),
                        VALIDATION_ERROR, "Member must have length less than or equal to 64"),
                row("role name with a space", s -> s.createRole(CreateRoleRequest.of("bad name", SEED_TRUST)),
                        VALIDATION_ERROR, "Value 'bad name' at 'roleName' failed to satisfy constraint: Member must "
                                + "satisfy regular expression pattern: [\\w+=,.@-]+"),
                row("role name with a slash", s -> s.createRole(CreateRoleRequest.of("ci/gha", SEED_TRUST)),
                        VALIDATION_ERROR, "regular expression pattern"),
                row("role name taken", s -> createRole(s, "gha"),
                        ENTITY_ALREADY_EXISTS, "Role with name gha already exists."),
                row("role name taken in another case", s -> createRole(s, "GHA"),
                        ENTITY_ALREADY_EXISTS, "Role with name GHA already exists."),
                row("path without slashes", s -> s.createRole(CreateRoleRequest.of("r", SEED_TRUST).withPath("ci")),
                        VALIDATION_ERROR, "Value 'ci' at 'path' failed to satisfy constraint: Member must satisfy "
                                + "regular expression pattern"),
                row("path without a trailing slash", s -> s.createRole(
                        CreateRoleRequest.of("r", SEED_TRUST).withPath("/ci")),
                        VALIDATION_ERROR, "at 'path'"),
                row("path with a space", s -> s.createRole(CreateRoleRequest.of("r", SEED_TRUST).withPath("/a b/")),
                        VALIDATION_ERROR, "at 'path'"),
                row("path empty", s -> s.createRole(CreateRoleRequest.of("r", SEED_TRUST).withPath("")),
                        VALIDATION_ERROR, "at 'path'"),
                row("path longer than 512", s -> s.createRole(CreateRoleRequest.of("r", SEED_TRUST)
                        .withPath("/" + "p".repeat(511) + "/")),
                        VALIDATION_ERROR, "Member must have length less than or equal to 512"),
                row("path with a wildcard", s -> s.createRole(CreateRoleRequest.of("r", SEED_TRUST).withPath("/a*/")),
                        INVALID_INPUT, "refuses '*' and '?' in role paths"),
                row("trust policy missing", s -> s.createRole(CreateRoleRequest.of("r", null)),
                        VALIDATION_ERROR, "Value null at 'assumeRolePolicyDocument'"),
                row("trust policy empty", s -> s.createRole(CreateRoleRequest.of("r", "")),
                        VALIDATION_ERROR, "at 'assumeRolePolicyDocument' failed to satisfy constraint: Member must "
                                + "have length greater than or equal to 1"),
                row("trust policy with a character beyond Latin-1", s -> s.createRole(CreateRoleRequest.of("r",
                        SEED_TRUST.replace("2012-10-17", "2012-10-17\u2603"))),
                        VALIDATION_ERROR, "Member must satisfy regular expression pattern"),
                row("trust policy longer than 131072", s -> s.createRole(CreateRoleRequest.of("r",
                        SEED_TRUST + " ".repeat(131_072))),
                        VALIDATION_ERROR, "Member must have length less than or equal to 131072"),
                row("trust policy that is not JSON", s -> s.createRole(CreateRoleRequest.of("r", "{\"Statement\": ")),
                        MALFORMED_POLICY_DOCUMENT, "Syntax errors in policy"),
                row("trust policy with a Resource", s -> s.createRole(CreateRoleRequest.of("r", TRUST_WITH_RESOURCE)),
                        MALFORMED_POLICY_DOCUMENT, "Has prohibited field Resource"),
                row("trust policy without a Principal", s -> s.createRole(CreateRoleRequest.of("r", PUSH_POLICY)),
                        MALFORMED_POLICY_DOCUMENT, "Missing required field Principal"),
                row("trust policy granting an ECR action", s -> s.createRole(CreateRoleRequest.of("r",
                        SEED_TRUST.replace("sts:AssumeRoleWithWebIdentity", "ecr:PutImage"))),
                        MALFORMED_POLICY_DOCUMENT, "AssumeRole policy may only specify STS AssumeRole actions."),
                row("trust policy over 2048 characters", s -> s.createRole(CreateRoleRequest.of("r", bigTrust())),
                        LIMIT_EXCEEDED, "Cannot exceed quota for ACLSizePerRole: 2048"),
                row("MaxSessionDuration below an hour", s -> s.createRole(CreateRoleRequest.of("r", SEED_TRUST)
                        .withMaxSessionDuration(3599)),
                        VALIDATION_ERROR, "Value '3599' at 'maxSessionDuration' failed to satisfy constraint: Member "
                                + "must have value greater than or equal to 3600"),
                row("MaxSessionDuration above 12 hours", s -> s.createRole(CreateRoleRequest.of("r", SEED_TRUST)
                        .withMaxSessionDuration(43_201)),
                        VALIDATION_ERROR, "Member must have value less than or equal to 43200"),
                row("description longer than 1000", s -> s.createRole(CreateRoleRequest.of("r", SEED_TRUST)
                        .withDescription("d".repeat(1001))),
                        VALIDATION_ERROR, "at 'description'"),
                row("description with a control character", s -> s.createRole(CreateRoleRequest.of("r", SEED_TRUST)
                        .withDescription("bell\u0007")),
                        VALIDATION_ERROR, "at 'description' failed to satisfy constraint: Member must satisfy"),
                row("51 role tags", s -> s.createRole(CreateRoleRequest.of("r", SEED_TRUST).withTags(tags(51))),
                        VALIDATION_ERROR, "at 'tags'"),
                row("duplicate tag keys in any case", s -> s.createRole(CreateRoleRequest.of("r", SEED_TRUST)
                        .withTags(List.of(new IamTag("Team", "a"), new IamTag("team", "b")))),
                        INVALID_INPUT, "Duplicate tag keys found. Please note that Tag keys are case insensitive."),
                row("tag key with a reserved prefix", s -> s.createRole(CreateRoleRequest.of("r", SEED_TRUST)
                        .withTags(List.of(new IamTag("AWS:team", "a")))),
                        INVALID_INPUT, "reserved"),
                row("tag key with a forbidden character", s -> s.createRole(CreateRoleRequest.of("r", SEED_TRUST)
                        .withTags(List.of(new IamTag("team!", "a")))),
                        VALIDATION_ERROR, "at 'tags.1.member.key'"),
                row("tag key empty", s -> s.createRole(CreateRoleRequest.of("r", SEED_TRUST)
                        .withTags(List.of(new IamTag("ok", "a"), new IamTag("", "b")))),
                        VALIDATION_ERROR, "at 'tags.2.member.key'"),
                row("tag value longer than 256", s -> s.createRole(CreateRoleRequest.of("r", SEED_TRUST)
                        .withTags(List.of(new IamTag("k", "v".repeat(257))))),
                        VALIDATION_ERROR, "at 'tags.1.member.value'"),

                // ---- GetRole, DeleteRole, ListRoles, UpdateRole, UpdateAssumeRolePolicy
                row("get a role that does not exist", s -> s.getRole("nope"),
                        NO_SUCH_ENTITY, "The role with name nope cannot be found."),
                row("get a role by an invalid name", s -> s.getRole("no pe"),
                        VALIDATION_ERROR, "at 'roleName'"),
                row("delete a role that does not exist", s -> s.deleteRole("nope"),
                        NO_SUCH_ENTITY, "The role with name nope cannot be found."),
                row("delete a role with policies", s -> s.deleteRole("gha"),
                        DELETE_CONFLICT, "Cannot delete entity, must delete policies first."),
                row("delete a role with only an attached policy", s -> {
                    s.deleteRolePolicy("gha", "push");
                    s.deleteRole("GHA");
                }, DELETE_CONFLICT, "must delete policies first"),
                row("list roles: MaxItems 0", s -> s.listRoles(null, null, 0),
                        VALIDATION_ERROR, "Value '0' at 'maxItems' failed to satisfy constraint: Member must have "
                                + "value greater than or equal to 1"),
                row("list roles: MaxItems 1001", s -> s.listRoles(null, null, 1001),
                        VALIDATION_ERROR, "Member must have value less than or equal to 1000"),
                row("list roles: path prefix without a slash", s -> s.listRoles("ci", null, null),
                        VALIDATION_ERROR, "at 'pathPrefix'"),
                row("list roles: empty marker", s -> s.listRoles(null, "", null),
                        VALIDATION_ERROR, "at 'marker'"),
                row("update a role that does not exist", s -> s.updateRole("nope", "d", null),
                        NO_SUCH_ENTITY, "The role with name nope cannot be found."),
                row("update MaxSessionDuration out of range", s -> s.updateRole("gha", null, 100),
                        VALIDATION_ERROR, "at 'maxSessionDuration'"),
                row("update description too long", s -> s.updateRole("gha", "d".repeat(1001), 7200),
                        VALIDATION_ERROR, "at 'description'"),
                row("update the trust policy of a role that does not exist",
                        s -> s.updateAssumeRolePolicy("nope", SEED_TRUST),
                        NO_SUCH_ENTITY, "The role with name nope cannot be found."),
                row("update the trust policy with a malformed one", s -> s.updateAssumeRolePolicy("gha",
                        "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Maybe\"}]}"),
                        MALFORMED_POLICY_DOCUMENT, "Invalid effect: Maybe"),
                row("update the trust policy with a missing one", s -> s.updateAssumeRolePolicy("gha", null),
                        VALIDATION_ERROR, "Value null at 'policyDocument'"),
                row("update the trust policy with one too large", s -> s.updateAssumeRolePolicy("gha", bigTrust()),
                        LIMIT_EXCEEDED, "ACLSizePerRole"),

                // ---- tags
                row("tag a role that does not exist", s -> s.tagRole("nope", tags(1)),
                        NO_SUCH_ENTITY, "The role with name nope cannot be found."),
                row("tag without tags", s -> s.tagRole("gha", null),
                        VALIDATION_ERROR, "Value null at 'tags'"),
                row("tag beyond 50 in all", s -> s.tagRole("gha", tags(50)),
                        LIMIT_EXCEEDED, "Cannot exceed quota for TagsPerRole: 50"),
                row("untag without keys", s -> s.untagRole("gha", null),
                        VALIDATION_ERROR, "Value null at 'tagKeys'"),
                row("untag an invalid key", s -> s.untagRole("gha", List.of("bad!")),
                        VALIDATION_ERROR, "at 'tagKeys.1.member'"),
                row("untag a role that does not exist", s -> s.untagRole("nope", List.of("team")),
                        NO_SUCH_ENTITY, "cannot be found"),
                row("list tags with a marker not issued", s -> s.listRoleTags("gha", "abc", null),
                        INVALID_INPUT, "Invalid Marker abc."),
                row("list tags with a marker past the end", s -> s.listRoleTags("gha", "7", null),
                        INVALID_INPUT, "Invalid Marker"),
                row("list tags of a role that does not exist", s -> s.listRoleTags("nope", null, null),
                        NO_SUCH_ENTITY, "cannot be found"),

                // ---- inline role policies
                row("put a policy on a role that does not exist", s -> s.putRolePolicy("nope", "p", PUSH_POLICY),
                        NO_SUCH_ENTITY, "The role with name nope cannot be found."),
                row("put a policy with an invalid name", s -> s.putRolePolicy("gha", "no pe", PUSH_POLICY),
                        VALIDATION_ERROR, "Value 'no pe' at 'policyName'"),
                row("put a policy with a name of 129 characters", s -> s.putRolePolicy("gha", "p".repeat(129),
                        PUSH_POLICY),
                        VALIDATION_ERROR, "Member must have length less than or equal to 128"),
                row("put a policy without a document", s -> s.putRolePolicy("gha", "p", null),
                        VALIDATION_ERROR, "Value null at 'policyDocument'"),
                row("put a policy naming a principal", s -> s.putRolePolicy("gha", "p", SEED_TRUST),
                        MALFORMED_POLICY_DOCUMENT, "Policy document should not specify a principal."),
                row("put a policy without resources", s -> s.putRolePolicy("gha", "p",
                        "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"ecr:*\"}}"),
                        MALFORMED_POLICY_DOCUMENT, "Policy statement must contain resources."),
                row("put a policy with a bad condition", s -> s.putRolePolicy("gha", "p", """
                        {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "ecr:*", "Resource": "*",
                          "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": "soon"}}}}"""),
                        MALFORMED_POLICY_DOCUMENT, "soon"),
                row("put policies over 10240 characters per role", s -> s.putRolePolicy("gha", "big", bigPolicy()),
                        LIMIT_EXCEEDED, "Maximum policy size of 10240 bytes exceeded for role gha"),
                row("get a policy that does not exist", s -> s.getRolePolicy("gha", "pull"),
                        NO_SUCH_ENTITY, "The role policy with name pull cannot be found."),
                row("get a policy in another case", s -> s.getRolePolicy("gha", "PUSH"),
                        NO_SUCH_ENTITY, "The role policy with name PUSH cannot be found."),
                row("get a policy of a role that does not exist", s -> s.getRolePolicy("nope", "push"),
                        NO_SUCH_ENTITY, "The role with name nope cannot be found."),
                row("delete a policy that does not exist", s -> s.deleteRolePolicy("bare", "push"),
                        NO_SUCH_ENTITY, "The role policy with name push cannot be found."),
                row("delete a policy of a role that does not exist", s -> s.deleteRolePolicy("nope", "push"),
                        NO_SUCH_ENTITY, "The role with name nope cannot be found."),
                row("list policies of a role that does not exist", s -> s.listRolePolicies("nope", null, null),
                        NO_SUCH_ENTITY, "The role with name nope cannot be found."),
                row("list policies with MaxItems 0", s -> s.listRolePolicies("gha", null, 0),
                        VALIDATION_ERROR, "at 'maxItems'"),

                // ---- attached managed policies
                row("attach a policy that does not exist", s -> s.attachRolePolicy("gha",
                        "arn:aws:iam::aws:policy/AdministratorAccess"),
                        NO_SUCH_ENTITY, "Policy arn:aws:iam::aws:policy/AdministratorAccess does not exist or is not "
                                + "attachable."),
                row("attach a customer managed policy", s -> s.attachRolePolicy("gha",
                        "arn:aws:iam::123456789012:policy/push"),
                        NO_SUCH_ENTITY, "does not exist or is not attachable."),
                row("attach a malformed ARN", s -> s.attachRolePolicy("gha", "AmazonEC2ContainerRegistryPowerUser"),
                        INVALID_INPUT, "ARN AmazonEC2ContainerRegistryPowerUser is not valid."),
                row("attach without an ARN", s -> s.attachRolePolicy("gha", null),
                        VALIDATION_ERROR, "Value null at 'policyArn'"),
                row("attach to a role that does not exist", s -> s.attachRolePolicy("nope", POWER_USER),
                        NO_SUCH_ENTITY, "The role with name nope cannot be found."),
                row("detach a policy that is not attached", s -> s.detachRolePolicy("gha", READ_ONLY),
                        NO_SUCH_ENTITY, "Policy arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly was not "
                                + "found."),
                row("detach from a role that does not exist", s -> s.detachRolePolicy("nope", POWER_USER),
                        NO_SUCH_ENTITY, "The role with name nope cannot be found."),
                row("detach a malformed ARN", s -> s.detachRolePolicy("gha", "arn:aws:iam:aws:policy/AmazonEC2"),
                        INVALID_INPUT, "is not valid"),
                row("list attached policies of a role that does not exist",
                        s -> s.listAttachedRolePolicies("nope", null, null, null),
                        NO_SUCH_ENTITY, "The role with name nope cannot be found."),
                row("list attached policies with a bad path prefix",
                        s -> s.listAttachedRolePolicies("gha", "ecr", null, null),
                        VALIDATION_ERROR, "at 'pathPrefix'"),
                row("list attached policies with MaxItems 1001",
                        s -> s.listAttachedRolePolicies("gha", null, null, 1001),
                        VALIDATION_ERROR, "at 'maxItems'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void isRefusedAndChangesNothing(String name, Refusal refusal) {
        State before = state();

        IamException e = catchThrowableOfType(IamException.class, () -> refusal.call().accept(iam));

        assertThat(e).as("%s is refused", name).isNotNull();
        assertThat(e.error()).as(e.getMessage()).isEqualTo(refusal.error());
        assertThat(e.code()).isEqualTo(refusal.error().code());
        assertThat(e.httpStatus()).isEqualTo(refusal.error().httpStatus());
        assertThat(e.getMessage()).contains(refusal.message());
        if (!name.equals("delete a role with only an attached policy")) {
            assertThat(state()).isEqualTo(before);
        }
    }

    @Test
    void everyErrorHasItsWireCodeAndStatus() {
        assertThat(Stream.of(IamError.values()).map(e -> e.code() + " " + e.httpStatus() + " " + e.faultType()))
                .containsExactly("NoSuchEntity 404 Sender", "EntityAlreadyExists 409 Sender",
                        "DeleteConflict 409 Sender", "InvalidInput 400 Sender", "MalformedPolicyDocument 400 Sender",
                        "LimitExceeded 409 Sender", "ValidationError 400 Sender", "ServiceFailure 500 Receiver");
    }

    // ---- the table's vocabulary

    private static final String TRUST_WITH_RESOURCE = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
              "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},
              "Action": "sts:AssumeRoleWithWebIdentity", "Resource": "*"}]}""";

    private static Arguments row(String name, Consumer<IamService> call, IamError error, String message) {
        return Arguments.of(name, new Refusal(call, error, message));
    }

    private static void provider(IamService s, String url) {
        s.createOpenIDConnectProvider(url, List.of("sts.amazonaws.com"), null, null);
    }

    private static void createRole(IamService s, String name) {
        s.createRole(CreateRoleRequest.of(name, SEED_TRUST));
    }

    private static List<String> numbered(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    private static List<String> numberedHex(int count) {
        return IntStream.range(0, count).mapToObj(i -> "%040x".formatted(i + 1)).toList();
    }

    static List<IamTag> tags(int count) {
        return IntStream.range(0, count).mapToObj(i -> new IamTag("key" + i, "value" + i)).toList();
    }

    /** A valid trust policy with more than 2048 characters other than whitespace. */
    private static String bigTrust() {
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            subjects.add("\"repo:acme/app-" + i + ":ref:refs/heads/main\"");
        }
        return SEED_TRUST.replace("\"repo:acme/app:*\"", "[" + String.join(", ", subjects) + "]");
    }

    /** A valid identity policy with more than 10240 characters other than whitespace. */
    private static String bigPolicy() {
        List<String> resources = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            resources.add("\"arn:aws:ecr:us-east-1:123456789012:repository/acme/app-" + i + "\"");
        }
        return "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"ecr:*\", "
                + "\"Resource\": [" + String.join(", ", resources) + "]}}";
    }
}
