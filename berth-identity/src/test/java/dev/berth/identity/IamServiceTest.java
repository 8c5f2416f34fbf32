package dev.berth.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.iam.Arn;
import dev.berth.iam.ManagedPolicies;
import dev.berth.iam.ManagedPolicy;
import dev.berth.metadata.IamTag;
import dev.berth.metadata.OidcProvider;
import dev.berth.metadata.Role;
import dev.berth.metadata.RolePolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What every IAM operation does when it succeeds (the refusals are in {@link IamServiceRefusalsTest}). */
class IamServiceTest extends IamServiceFixture {

    // ---- OpenID Connect providers

    @Test
    void createsTheGitHubProvider() {
        OidcProvider github = createGitHubProvider();

        assertThat(github.arn()).isEqualTo(GITHUB);
        assertThat(github.url()).isEqualTo("token.actions.githubusercontent.com");
        assertThat(github.clientIds()).containsExactly("sts.amazonaws.com");
        assertThat(github.thumbprints()).containsExactly(THUMBPRINT);
        assertThat(github.createdAt()).isEqualTo(T0);
        assertThat(iam.getOpenIDConnectProvider(GITHUB.toString())).isEqualTo(github);
        assertThat(iam.listOpenIDConnectProviders()).containsExactly(GITHUB);
    }

    static Stream<Arguments> registrableUrls() {
        return Stream.of(
                Arguments.of("https://token.actions.githubusercontent.com", "token.actions.githubusercontent.com"),
                Arguments.of("https://token.actions.githubusercontent.com/", "token.actions.githubusercontent.com"),
                Arguments.of("https://token.actions.githubusercontent.com/acme",
                        "token.actions.githubusercontent.com/acme"),
                Arguments.of("https://gitlab.example.com:8443/oidc/", "gitlab.example.com:8443/oidc"),
                Arguments.of("http://127.0.0.1:8080", "127.0.0.1:8080"),
                Arguments.of("http://127.10.0.3/issuer", "127.10.0.3/issuer"),
                Arguments.of("http://localhost:9000/issuer", "localhost:9000/issuer"),
                Arguments.of("http://LOCALHOST", "LOCALHOST"),
                Arguments.of("http://[::1]:8080/issuer", "[::1]:8080/issuer"));
    }

    @ParameterizedTest(name = "{0} is stored as {1}")
    @MethodSource("registrableUrls")
    void providerUrlsAreStoredWithoutSchemeAndTrailingSlash(String url, String stored) {
        OidcProvider provider = iam.createOpenIDConnectProvider(url, List.of("sts.amazonaws.com"), null, null);

        assertThat(provider.url()).isEqualTo(stored);
        assertThat(provider.arn()).isEqualTo(Arn.parse("arn:aws:iam::123456789012:oidc-provider/" + stored));
        assertThat(iam.getOpenIDConnectProvider(provider.arn().toString())).isEqualTo(provider);
    }

    @Test
    void aProviderNeedsNeitherClientIdsNorThumbprintsAndDropsDuplicates() {
        OidcProvider bare = iam.createOpenIDConnectProvider("https://issuer.example.com", null, null, null);
        OidcProvider twice = iam.createOpenIDConnectProvider("https://other.example.com",
                List.of("a", "b", "a"), List.of(THUMBPRINT, THUMBPRINT), List.of(new IamTag("team", "ci")));

        assertThat(bare.clientIds()).isEmpty();
        assertThat(bare.thumbprints()).isEmpty();
        assertThat(twice.clientIds()).containsExactly("a", "b");
        assertThat(twice.thumbprints()).containsExactly(THUMBPRINT);
        assertThat(twice.tags()).containsExactly(new IamTag("team", "ci"));
        assertThat(iam.listOpenIDConnectProviders()).containsExactly(
                Arn.parse("arn:aws:iam::123456789012:oidc-provider/issuer.example.com"),
                Arn.parse("arn:aws:iam::123456789012:oidc-provider/other.example.com"));
    }

    @Test
    void clientIdsAreAddedAndRemovedIdempotently() {
        createGitHubProvider();
        String arn = GITHUB.toString();

        iam.addClientIDToOpenIDConnectProvider(arn, "berth");
        iam.addClientIDToOpenIDConnectProvider(arn, "berth");
        assertThat(iam.getOpenIDConnectProvider(arn).clientIds()).containsExactly("sts.amazonaws.com", "berth");

        iam.removeClientIDFromOpenIDConnectProvider(arn, "sts.amazonaws.com");
        iam.removeClientIDFromOpenIDConnectProvider(arn, "never-added");
        assertThat(iam.getOpenIDConnectProvider(arn).clientIds()).containsExactly("berth");
    }

    @Test
    void theHundredAndFirstClientIdExceedsTheQuota() {
        iam.createOpenIDConnectProvider("https://issuer.example.com",
                IntStream.range(0, 100).mapToObj(i -> "client-" + i).toList(), null, null);
        String arn = "arn:aws:iam::123456789012:oidc-provider/issuer.example.com";

        iam.addClientIDToOpenIDConnectProvider(arn, "client-0");
        assertThatThrownBy(() -> iam.addClientIDToOpenIDConnectProvider(arn, "client-100"))
                .isInstanceOfSatisfying(IamException.class,
                        e -> assertThat(e.error()).isEqualTo(IamError.LIMIT_EXCEEDED));

        assertThat(iam.getOpenIDConnectProvider(arn).clientIds()).hasSize(100);
    }

    @Test
    void thumbprintsAreReplaced() {
        createGitHubProvider();
        String other = "1b511abead59c6ce207077c0bf0e0043b1382612";

        iam.updateOpenIDConnectProviderThumbprint(GITHUB.toString(), List.of(other, THUMBPRINT.toUpperCase()));
        assertThat(iam.getOpenIDConnectProvider(GITHUB.toString()).thumbprints())
                .containsExactly(other, THUMBPRINT.toUpperCase());

        iam.updateOpenIDConnectProviderThumbprint(GITHUB.toString(), List.of());
        assertThat(iam.getOpenIDConnectProvider(GITHUB.toString()).thumbprints()).isEmpty();
    }

    @Test
    void deletingAProviderIsIdempotent() {
        createGitHubProvider();

        iam.deleteOpenIDConnectProvider(GITHUB.toString());
        iam.deleteOpenIDConnectProvider(GITHUB.toString());

        assertThat(iam.listOpenIDConnectProviders()).isEmpty();
        assertThatThrownBy(() -> iam.getOpenIDConnectProvider(GITHUB.toString()))
                .hasMessage("OpenIDConnect Provider not found for arn " + GITHUB);
    }

    // ---- roles

    @Test
    void createsARoleWithTheSeedsTrustPolicy() {
        Role gha = createRole("GitHubActions");

        assertThat(gha.name()).isEqualTo("GitHubActions");
        assertThat(gha.path()).isEqualTo("/");
        assertThat(gha.arn()).isEqualTo(Arn.parse("arn:aws:iam::123456789012:role/GitHubActions"));
        assertThat(gha.roleId()).matches("AROA[A-Z0-9]{17}");
        assertThat(gha.assumeRolePolicyDocument()).isEqualTo(SEED_TRUST);
        assertThat(gha.description()).isEmpty();
        assertThat(gha.maxSessionDuration()).isEqualTo(Duration.ofHours(1));
        assertThat(gha.tags()).isEmpty();
        assertThat(gha.createdAt()).isEqualTo(T0);
        assertThat(iam.getRole("GitHubActions")).isEqualTo(gha);
    }

    @Test
    void createsARoleWithEveryOptionalMember() {
        List<IamTag> tags = List.of(new IamTag("team", "platform"), new IamTag("cost center", "42"));

        Role push = iam.createRole(CreateRoleRequest.of("push", SEED_TRUST).withPath("/ci/github/")
                .withDescription("Pushes acme/app from main").withMaxSessionDuration(43_200).withTags(tags));

        assertThat(push.arn()).isEqualTo(Arn.parse("arn:aws:iam::123456789012:role/ci/github/push"));
        assertThat(push.path()).isEqualTo("/ci/github/");
        assertThat(push.description()).isEqualTo("Pushes acme/app from main");
        assertThat(push.maxSessionDuration()).isEqualTo(Duration.ofHours(12));
        assertThat(push.tags()).isEqualTo(tags);
        assertThat(iam.getRole("push")).isEqualTo(push);
    }

    @Test
    void roleNamesMatchInAnyCaseAndKeepTheirOwn() {
        Role gha = createRole("GitHubActions");

        assertThat(iam.getRole("githubactions")).isEqualTo(gha);
        assertThat(iam.getRole("GITHUBACTIONS").name()).isEqualTo("GitHubActions");
    }

    @Test
    void everyRoleGetsItsOwnId() {
        Role first = createRole("gha");
        iam.deleteRole("gha");

        Role second = createRole("gha");

        assertThat(second.roleId()).isNotEqualTo(first.roleId());
        assertThat(createRole("other").roleId()).isNotEqualTo(second.roleId());
    }

    @Test
    void aRoleIsDeletedOnceItsPoliciesAreGone() {
        createRole("gha");
        iam.putRolePolicy("gha", "push", PUSH_POLICY);
        iam.attachRolePolicy("gha", POWER_USER);

        iam.deleteRolePolicy("gha", "push");
        iam.detachRolePolicy("gha", POWER_USER);
        iam.deleteRole("gha");

        assertThatThrownBy(() -> iam.getRole("gha")).hasMessage("The role with name gha cannot be found.");
    }

    @Test
    void rolesArePagedWithMarkers() {
        for (String name : List.of("e", "B", "a", "D", "c")) {
            createRole(name);
        }

        Page<Role> first = iam.listRoles(null, null, 2);
        Page<Role> second = iam.listRoles(null, first.marker(), 2);
        Page<Role> last = iam.listRoles("/", second.marker(), 2);

        assertThat(first.items()).extracting(Role::name).containsExactly("a", "B");
        assertThat(first.isTruncated()).isTrue();
        assertThat(second.items()).extracting(Role::name).containsExactly("c", "D");
        assertThat(second.isTruncated()).isTrue();
        assertThat(last.items()).extracting(Role::name).containsExactly("e");
        assertThat(last.isTruncated()).isFalse();
        assertThat(last.nextMarker()).isEmpty();
        Page<Role> all = iam.listRoles(null, null, null);
        assertThat(all.items()).hasSize(5);
        assertThat(all.isTruncated()).isFalse();
        assertThat(iam.listRoles(null, null, 5).isTruncated()).isFalse();
    }

    @Test
    void aHundredRolesFitTheDefaultPage() {
        for (int i = 0; i < 101; i++) {
            createRole("role-%03d".formatted(i));
        }

        Page<Role> first = iam.listRoles(null, null, null);

        assertThat(first.items()).hasSize(100);
        assertThat(first.isTruncated()).isTrue();
        assertThat(iam.listRoles(null, first.marker(), null).items()).extracting(Role::name)
                .containsExactly("role-100");
    }

    @Test
    void rolesAreFilteredByPathPrefix() {
        createRole("top");
        iam.createRole(CreateRoleRequest.of("push", SEED_TRUST).withPath("/ci/"));
        iam.createRole(CreateRoleRequest.of("pull", SEED_TRUST).withPath("/ci/readers/"));

        assertThat(iam.listRoles("/ci/", null, null).items()).extracting(Role::name).containsExactly("pull", "push");
        assertThat(iam.listRoles("/ci/readers/", null, null).items()).extracting(Role::name).containsExactly("pull");
        assertThat(iam.listRoles("/", null, null).items()).hasSize(3);
        assertThat(iam.listRoles("/other/", null, null).items()).isEmpty();
    }

    @Test
    void updateRoleChangesWhatIsGiven() {
        createRole("gha");

        iam.updateRole("gha", "pushes", null);
        assertThat(iam.getRole("gha").description()).isEqualTo("pushes");
        assertThat(iam.getRole("gha").maxSessionDuration()).isEqualTo(Duration.ofHours(1));

        iam.updateRole("GHA", null, 7200);
        assertThat(iam.getRole("gha").description()).isEqualTo("pushes");
        assertThat(iam.getRole("gha").maxSessionDuration()).isEqualTo(Duration.ofHours(2));

        iam.updateRole("gha", "", null);
        assertThat(iam.getRole("gha").description()).isEmpty();
    }

    @Test
    void theTrustPolicyIsReplacedWithTheExactText() {
        Role before = createRole("gha");
        String narrower = SEED_TRUST.replace("repo:acme/app:*", "repo:acme/app:ref:refs/heads/main");

        iam.updateAssumeRolePolicy("gha", narrower);

        Role after = iam.getRole("gha");
        assertThat(after.assumeRolePolicyDocument()).isEqualTo(narrower);
        assertThat(after.roleId()).isEqualTo(before.roleId());
    }

    @Test
    void tagsAreAddedReplacedInAnyCaseRemovedAndPaged() {
        iam.createRole(CreateRoleRequest.of("gha", SEED_TRUST).withTags(List.of(new IamTag("Team", "platform"))));

        iam.tagRole("gha", List.of(new IamTag("team", "registry"), new IamTag("env", "prod")));
        assertThat(iam.getRole("gha").tags()).containsExactly(new IamTag("team", "registry"),
                new IamTag("env", "prod"));

        iam.tagRole("gha", IamServiceRefusalsTest.tags(48));
        Page<IamTag> first = iam.listRoleTags("gha", null, 20);
        assertThat(first.items()).hasSize(20);
        assertThat(first.isTruncated()).isTrue();
        List<IamTag> all = new ArrayList<>(first.items());
        for (Page<IamTag> page = first; page.isTruncated(); ) {
            page = iam.listRoleTags("gha", page.marker(), 20);
            all.addAll(page.items());
        }
        assertThat(all).isEqualTo(iam.getRole("gha").tags()).hasSize(50);

        iam.untagRole("gha", List.of("TEAM", "absent"));
        assertThat(iam.getRole("gha").tags()).hasSize(49).doesNotContain(new IamTag("team", "registry"));
    }

    // ---- inline role policies

    @Test
    void inlinePoliciesKeepTheirExactText() {
        createRole("gha");

        iam.putRolePolicy("gha", "push", PUSH_POLICY);

        assertThat(iam.getRolePolicy("GHA", "push")).isEqualTo(new RolePolicy("gha", "push", PUSH_POLICY));
    }

    @Test
    void putRolePolicyReplacesAPolicyOfTheSameName() {
        createRole("gha");
        iam.putRolePolicy("gha", "push", PUSH_POLICY);
        String pullOnly = PUSH_POLICY.replace("\"ecr:PutImage\"", "\"ecr:BatchGetImage\"");

        iam.putRolePolicy("gha", "push", pullOnly);

        assertThat(iam.getRolePolicy("gha", "push").document()).isEqualTo(pullOnly);
        assertThat(iam.listRolePolicies("gha", null, null).items()).containsExactly("push");
    }

    @Test
    void replacingAPolicyCountsOnlyTheNewTextAgainstTheRoleQuota() {
        createRole("gha");
        String nineThousand = policyOfSize(9000);
        iam.putRolePolicy("gha", "big", nineThousand);

        iam.putRolePolicy("gha", "big", policyOfSize(10_000));
        iam.putRolePolicy("gha", "big", nineThousand);

        assertThatThrownBy(() -> iam.putRolePolicy("gha", "second", policyOfSize(1300)))
                .hasMessage("Maximum policy size of 10240 bytes exceeded for role gha");
        assertThat(IamLimits.policySize(policyOfSize(9000))).isEqualTo(9000);
    }

    @Test
    void inlinePoliciesArePagedByName() {
        createRole("gha");
        for (String name : List.of("push", "Pull", "audit", "scan", "Admin")) {
            iam.putRolePolicy("gha", name, PUSH_POLICY);
        }

        Page<String> first = iam.listRolePolicies("gha", null, 2);
        Page<String> second = iam.listRolePolicies("gha", first.marker(), 2);
        Page<String> last = iam.listRolePolicies("gha", second.marker(), 2);

        assertThat(first.items()).containsExactly("Admin", "Pull");
        assertThat(second.items()).containsExactly("audit", "push");
        assertThat(last.items()).containsExactly("scan");
        assertThat(List.of(first.isTruncated(), second.isTruncated(), last.isTruncated()))
                .containsExactly(true, true, false);
        assertThat(iam.listRolePolicies("gha", null, null).items()).hasSize(5);
        assertThat(iam.listRolePolicies("gha", null, 5).isTruncated()).isFalse();
    }

    @Test
    void aDeletedPolicyIsGone() {
        createRole("gha");
        iam.putRolePolicy("gha", "push", PUSH_POLICY);

        iam.deleteRolePolicy("gha", "push");

        assertThat(iam.listRolePolicies("gha", null, null).items()).isEmpty();
        assertThatThrownBy(() -> iam.getRolePolicy("gha", "push"))
                .hasMessage("The role policy with name push cannot be found.");
    }

    // ---- attached managed policies

    @Test
    void theFourManagedEcrPoliciesAttachIdempotently() {
        createRole("gha");

        for (ManagedPolicy policy : ManagedPolicies.all()) {
            iam.attachRolePolicy("gha", policy.arn().toString());
            iam.attachRolePolicy("gha", policy.arn().toString());
        }

        Page<ManagedPolicy> attached = iam.listAttachedRolePolicies("gha", null, null, null);
        assertThat(attached.items()).extracting(ManagedPolicy::name).containsExactly(
                "AmazonEC2ContainerRegistryFullAccess", "AmazonEC2ContainerRegistryPowerUser",
                "AmazonEC2ContainerRegistryPullOnly", "AmazonEC2ContainerRegistryReadOnly");
        assertThat(attached.isTruncated()).isFalse();
    }

    @Test
    void attachedPoliciesArePagedAndFilteredByPath() {
        createRole("gha");
        iam.attachRolePolicy("gha", POWER_USER);
        iam.attachRolePolicy("gha", READ_ONLY);

        Page<ManagedPolicy> first = iam.listAttachedRolePolicies("gha", "/", null, 1);
        Page<ManagedPolicy> second = iam.listAttachedRolePolicies("gha", "/", first.marker(), 1);

        assertThat(first.items()).extracting(p -> p.arn().toString()).containsExactly(POWER_USER);
        assertThat(first.isTruncated()).isTrue();
        assertThat(second.items()).extracting(p -> p.arn().toString()).containsExactly(READ_ONLY);
        assertThat(second.isTruncated()).isFalse();
        assertThat(iam.listAttachedRolePolicies("gha", "/service-role/", null, null).items()).isEmpty();
    }

    @Test
    void detachingLeavesTheOthers() {
        createRole("gha");
        iam.attachRolePolicy("gha", POWER_USER);
        iam.attachRolePolicy("gha", READ_ONLY);

        iam.detachRolePolicy("GHA", POWER_USER);

        assertThat(iam.listAttachedRolePolicies("gha", null, null, null).items())
                .extracting(p -> p.arn().toString()).containsExactly(READ_ONLY);
    }

    /** An identity policy whose size, as IAM counts it (no whitespace), is exactly {@code size}. */
    private static String policyOfSize(int size) {
        String head = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"ecr:*\","
                + "\"Resource\":\"arn:aws:ecr:us-east-1:123456789012:repository/";
        String tail = "\"}}";
        return head + "a".repeat(size - head.length() - tail.length()) + tail;
    }
}
