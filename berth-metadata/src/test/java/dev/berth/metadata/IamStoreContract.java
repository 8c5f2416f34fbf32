package dev.berth.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.iam.Arn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link IamStore} must have. An implementation's test is a short subclass that says how to
 * open a store on an empty database and how to reopen it on the same database; closing is the subclass's business.
 * The store keeps what it is given: these tests use valid-looking values but check no IAM rule (that is the IAM
 * service's job, tested there).
 */
public abstract class IamStoreContract {
    protected static final Instant T0 = Instant.parse("2026-03-04T05:06:07.089Z");
    protected static final String ACCOUNT = "123456789012";
    protected static final Arn GITHUB = providerArn("token.actions.githubusercontent.com");
    protected static final Arn POWER_USER = Arn.parse("arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser");
    protected static final Arn READ_ONLY = Arn.parse("arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly");
    protected static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
    protected static final String PERMISSIONS = "{\"Statement\": {\"Effect\": \"Allow\"}}";

    private static final AtomicInteger ROLE_IDS = new AtomicInteger();

    protected IamStore store;

    /** A store on an empty database, for one test. */
    protected abstract IamStore open();

    /** Closes the current store and opens one on the same database. */
    protected abstract IamStore reopen();

    @BeforeEach
    void openStore() {
        store = open();
    }

    // ---- OIDC providers

    @Test
    void aProviderIsFoundByArnAndByUrl() {
        OidcProvider github = provider("token.actions.githubusercontent.com");

        assertThat(store.createOidcProvider(github)).isTrue();

        assertThat(store.findOidcProvider(GITHUB)).contains(github);
        assertThat(store.findOidcProviderByUrl("token.actions.githubusercontent.com")).contains(github);
        assertThat(store.findOidcProviderByUrl("https://token.actions.githubusercontent.com")).isEmpty();
        assertThat(store.findOidcProviderByUrl("TOKEN.actions.githubusercontent.com")).isEmpty();
        assertThat(store.findOidcProvider(providerArn("gitlab.com"))).isEmpty();
    }

    @Test
    void aProviderIsCreatedOncePerArnAndOncePerUrl() {
        assertThat(store.createOidcProvider(provider("token.actions.githubusercontent.com"))).isTrue();

        OidcProvider again = provider("token.actions.githubusercontent.com").withClientIds(List.of("other"));
        assertThat(store.createOidcProvider(again)).isFalse();
        OidcProvider sameUrl = new OidcProvider(Arn.parse("arn:aws:iam::210987654321:oidc-provider/"
                + "token.actions.githubusercontent.com"), "token.actions.githubusercontent.com", List.of(), List.of(),
                List.of(), T0);
        assertThat(store.createOidcProvider(sameUrl)).isFalse();

        assertThat(store.findOidcProvider(GITHUB).orElseThrow().clientIds()).containsExactly("sts.amazonaws.com");
    }

    @Test
    void providersWithPathsAreDistinctFromTheirHost() {
        store.createOidcProvider(provider("token.actions.githubusercontent.com"));
        store.createOidcProvider(provider("token.actions.githubusercontent.com/acme"));

        assertThat(store.findOidcProviderByUrl("token.actions.githubusercontent.com/acme").orElseThrow().arn())
                .isEqualTo(providerArn("token.actions.githubusercontent.com/acme"));
        assertThat(store.listOidcProviders()).extracting(OidcProvider::url)
                .containsExactly("token.actions.githubusercontent.com", "token.actions.githubusercontent.com/acme");
    }

    @Test
    void providersAreListedByArn() {
        for (String url : List.of("token.actions.githubusercontent.com", "gitlab.com", "127.0.0.1:8443/issuer")) {
            store.createOidcProvider(provider(url));
        }

        assertThat(store.listOidcProviders()).extracting(p -> p.arn().toString()).isSorted().hasSize(3);
    }

    @Test
    void updatingAProviderReplacesItsListsAndKeepsTheRest() {
        OidcProvider github = provider("token.actions.githubusercontent.com");
        store.createOidcProvider(github);
        List<IamTag> tags = List.of(new IamTag("team", "platform"), new IamTag("env", ""));

        OidcProvider updated = store.updateOidcProvider(GITHUB, p -> p
                .withClientIds(List.of("sts.amazonaws.com", "berth"))
                .withThumbprints(List.of())
                .withTags(tags)).orElseThrow();

        assertThat(updated.clientIds()).containsExactly("sts.amazonaws.com", "berth");
        assertThat(store.findOidcProvider(GITHUB)).contains(updated);
        assertThat(updated.thumbprints()).isEmpty();
        assertThat(updated.tags()).isEqualTo(tags);
        assertThat(updated.createdAt()).isEqualTo(github.createdAt());
    }

    @Test
    void updatingAMissingProviderChangesNothing() {
        assertThat(store.updateOidcProvider(GITHUB, p -> {
            throw new AssertionError("not called for a missing provider");
        })).isEmpty();
    }

    @Test
    void aFailedProviderUpdateWritesNothing() {
        OidcProvider github = provider("token.actions.githubusercontent.com");
        store.createOidcProvider(github);

        assertThatThrownBy(() -> store.updateOidcProvider(GITHUB, p -> {
            throw new IllegalStateException("quota");
        })).hasMessage("quota");
        assertThatThrownBy(() -> store.updateOidcProvider(GITHUB, p -> new OidcProvider(p.arn(), "elsewhere",
                p.clientIds(), p.thumbprints(), p.tags(), p.createdAt())))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(store.findOidcProvider(GITHUB)).contains(github);
    }

    @Test
    void concurrentProviderUpdatesLoseNothing() throws Exception {
        store.createOidcProvider(provider("token.actions.githubusercontent.com"));
        int threads = 8;
        int perThread = 10;

        runConcurrently(threads, thread -> {
            for (int i = 0; i < perThread; i++) {
                String clientId = "client-" + thread + "-" + i;
                store.updateOidcProvider(GITHUB, p -> p.withClientIds(append(p.clientIds(), clientId)));
            }
        });

        assertThat(store.findOidcProvider(GITHUB).orElseThrow().clientIds()).hasSize(1 + threads * perThread);
    }

    @Test
    void deletingAProviderReportsWhetherItExisted() {
        store.createOidcProvider(provider("token.actions.githubusercontent.com"));

        assertThat(store.deleteOidcProvider(GITHUB)).isTrue();
        assertThat(store.deleteOidcProvider(GITHUB)).isFalse();
        assertThat(store.findOidcProvider(GITHUB)).isEmpty();
        assertThat(store.createOidcProvider(provider("token.actions.githubusercontent.com"))).isTrue();
    }

    // ---- roles

    @Test
    void rolesAreFoundByNameInAnyCase() {
        Role gha = role("GitHubActions", "/");

        assertThat(store.createRole(gha)).isTrue();

        assertThat(store.findRole("GitHubActions")).contains(gha);
        assertThat(store.findRole("githubactions")).contains(gha);
        assertThat(store.findRole("GITHUBACTIONS").orElseThrow().name()).isEqualTo("GitHubActions");
        assertThat(store.findRole("other")).isEmpty();
    }

    @Test
    void roleNamesAreUniqueRegardlessOfCase() {
        assertThat(store.createRole(role("gha", "/"))).isTrue();

        assertThat(store.createRole(role("GHA", "/ci/"))).isFalse();

        assertThat(store.findRole("gha").orElseThrow().path()).isEqualTo("/");
    }

    @Test
    void rolesAreListedByNameKeyAfterTheCursor() {
        for (String name : List.of("pull", "Push", "admin", "Zeta", "_under")) {
            store.createRole(role(name, "/"));
        }

        assertThat(store.listRoles("/", null, 100)).extracting(Role::name)
                .containsExactly("_under", "admin", "pull", "Push", "Zeta");
        assertThat(store.listRoles("/", null, 2)).extracting(Role::name).containsExactly("_under", "admin");
        assertThat(store.listRoles("/", "admin", 2)).extracting(Role::name).containsExactly("pull", "Push");
        assertThat(store.listRoles("/", "PUSH", 10)).extracting(Role::name).containsExactly("Zeta");
        assertThat(store.listRoles("/", "zeta", 10)).isEmpty();
        assertThat(store.listRoles("/", null, 0)).isEmpty();
    }

    @Test
    void rolesAreListedByPathPrefix() {
        store.createRole(role("root-level", "/"));
        store.createRole(role("ci-push", "/ci/"));
        store.createRole(role("ci-team-pull", "/ci/team/"));
        store.createRole(role("cid", "/cid/"));

        assertThat(store.listRoles("/ci/", null, 10)).extracting(Role::name).containsExactly("ci-push", "ci-team-pull");
        assertThat(store.listRoles("/ci", null, 10)).extracting(Role::name)
                .containsExactly("ci-push", "ci-team-pull", "cid");
        assertThat(store.listRoles("/ci/team/", null, 10)).extracting(Role::name).containsExactly("ci-team-pull");
        assertThat(store.listRoles("/nope/", null, 10)).isEmpty();
        assertThat(store.listRoles("/", null, 10)).hasSize(4);
        assertThat(store.listRoles("/ci/", "ci-push", 10)).extracting(Role::name).containsExactly("ci-team-pull");
    }

    @Test
    void updatingARoleChangesOnlyItsChangeableFields() {
        Role gha = role("gha", "/ci/");
        store.createRole(gha);
        List<IamTag> tags = List.of(new IamTag("team", "platform"));

        Role updated = store.updateRole("GHA", r -> r.withDescription("pushes from CI")
                .withMaxSessionDuration(Duration.ofHours(2))
                .withAssumeRolePolicyDocument("{ \"Statement\": [] }")
                .withTags(tags)).orElseThrow();

        assertThat(store.findRole("gha")).contains(updated);
        assertThat(updated.description()).isEqualTo("pushes from CI");
        assertThat(updated.maxSessionDuration()).isEqualTo(Duration.ofHours(2));
        assertThat(updated.assumeRolePolicyDocument()).isEqualTo("{ \"Statement\": [] }");
        assertThat(updated.tags()).isEqualTo(tags);
        assertThat(updated.roleId()).isEqualTo(gha.roleId());
        assertThat(updated.arn()).isEqualTo(gha.arn());
    }

    @Test
    void aRoleUpdateMayNotChangeItsIdentityAndAFailedOneWritesNothing() {
        Role gha = role("gha", "/");
        store.createRole(gha);

        assertThatThrownBy(() -> store.updateRole("gha", r -> role("gha", "/other/")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.updateRole("gha", r -> {
            throw new IllegalStateException("refused");
        })).hasMessage("refused");

        assertThat(store.findRole("gha")).contains(gha);
        assertThat(store.updateRole("nope", r -> r.withDescription("x"))).isEmpty();
    }

    @Test
    void concurrentRoleUpdatesLoseNothing() throws Exception {
        store.createRole(role("gha", "/"));
        int threads = 8;

        runConcurrently(threads, thread -> {
            for (int i = 0; i < 5; i++) {
                IamTag tag = new IamTag("k" + thread + "-" + i, "v");
                store.updateRole("gha", r -> r.withTags(append(r.tags(), tag)));
            }
        });

        assertThat(store.findRole("gha").orElseThrow().tags()).hasSize(threads * 5);
    }

    @Test
    void aRoleWithPoliciesIsNotDeleted() {
        store.createRole(role("gha", "/"));
        store.putRolePolicy("gha", "push", PERMISSIONS);
        store.attachRolePolicy("gha", POWER_USER);

        assertThat(store.deleteRole("gha")).isEqualTo(RoleDeletion.HAS_POLICIES);
        store.deleteRolePolicy("gha", "push");
        assertThat(store.deleteRole("gha")).isEqualTo(RoleDeletion.HAS_POLICIES);
        store.detachRolePolicy("gha", POWER_USER);

        assertThat(store.deleteRole("GHA")).isEqualTo(RoleDeletion.DELETED);
        assertThat(store.findRole("gha")).isEmpty();
        assertThat(store.deleteRole("gha")).isEqualTo(RoleDeletion.NO_SUCH_ROLE);
    }

    @Test
    void aDeletedRoleNameCanBeReusedWithANewId() {
        Role first = role("gha", "/");
        store.createRole(first);
        store.deleteRole("gha");

        Role second = new Role("AROASECONDROLEID00001", "GHA", "/", roleArn("/", "GHA"), TRUST, "", Duration.ofHours(1),
                List.of(), T0.plusSeconds(60));
        assertThat(store.createRole(second)).isTrue();

        assertThat(store.findRole("gha")).contains(second);
        assertThat(store.findRoleWithPolicies("gha").orElseThrow().inline()).isEmpty();
    }

    // ---- role policies

    @Test
    void inlinePoliciesAreCreatedReplacedAndDeleted() {
        store.createRole(role("GitHub", "/"));

        assertThat(store.putRolePolicy("github", "push", PERMISSIONS)).isTrue();
        assertThat(store.findRolePolicy("GITHUB", "push"))
                .contains(new RolePolicy("GitHub", "push", PERMISSIONS));
        assertThat(store.putRolePolicy("GitHub", "push", "{\"replaced\": true}")).isTrue();
        assertThat(store.findRolePolicy("GitHub", "push").orElseThrow().document()).isEqualTo("{\"replaced\": true}");

        assertThat(store.deleteRolePolicy("GitHub", "push")).isTrue();
        assertThat(store.deleteRolePolicy("GitHub", "push")).isFalse();
        assertThat(store.findRolePolicy("GitHub", "push")).isEmpty();
    }

    @Test
    void inlinePolicyNamesAreCaseSensitive() {
        store.createRole(role("gha", "/"));
        store.putRolePolicy("gha", "Push", "{\"a\": 1}");
        store.putRolePolicy("gha", "push", "{\"b\": 2}");

        assertThat(store.listRolePolicyNames("gha", null, 10)).containsExactly("Push", "push");
        assertThat(store.findRolePolicy("gha", "PUSH")).isEmpty();
    }

    @Test
    void inlinePoliciesNeedARole() {
        assertThat(store.putRolePolicy("nope", "push", PERMISSIONS)).isFalse();
        assertThat(store.findRolePolicy("nope", "push")).isEmpty();
        assertThat(store.deleteRolePolicy("nope", "push")).isFalse();
        assertThat(store.listRolePolicyNames("nope", null, 10)).isEmpty();
    }

    @Test
    void inlinePolicyNamesArePagedInByteOrder() {
        store.createRole(role("gha", "/"));
        store.createRole(role("other", "/"));
        for (String name : List.of("pull", "Push", "admin", "b")) {
            store.putRolePolicy("gha", name, PERMISSIONS);
        }
        store.putRolePolicy("other", "not-mine", PERMISSIONS);

        assertThat(store.listRolePolicyNames("gha", null, 10)).containsExactly("Push", "admin", "b", "pull");
        assertThat(store.listRolePolicyNames("gha", null, 2)).containsExactly("Push", "admin");
        assertThat(store.listRolePolicyNames("gha", "admin", 2)).containsExactly("b", "pull");
        assertThat(store.listRolePolicyNames("gha", "pull", 2)).isEmpty();
        assertThat(store.listRolePolicyNames("gha", null, 0)).isEmpty();
    }

    @Test
    void attachingIsIdempotentAndDetachingReportsWhetherItWasAttached() {
        store.createRole(role("gha", "/"));

        assertThat(store.attachRolePolicy("gha", READ_ONLY)).isTrue();
        assertThat(store.attachRolePolicy("GHA", POWER_USER)).isTrue();
        assertThat(store.attachRolePolicy("gha", POWER_USER)).isTrue();

        assertThat(store.attachedRolePolicies("gha")).containsExactly(POWER_USER, READ_ONLY);
        assertThat(store.detachRolePolicy("gha", POWER_USER)).isTrue();
        assertThat(store.detachRolePolicy("gha", POWER_USER)).isFalse();
        assertThat(store.attachedRolePolicies("gha")).containsExactly(READ_ONLY);
    }

    @Test
    void attachingNeedsARole() {
        assertThat(store.attachRolePolicy("nope", POWER_USER)).isFalse();
        assertThat(store.detachRolePolicy("nope", POWER_USER)).isFalse();
        assertThat(store.attachedRolePolicies("nope")).isEmpty();
    }

    @Test
    void aRoleIsReadWithAllItsPolicies() {
        Role gha = role("gha", "/");
        store.createRole(gha);
        store.createRole(role("other", "/"));
        store.putRolePolicy("gha", "push", PERMISSIONS);
        store.putRolePolicy("gha", "admin", "{}");
        store.attachRolePolicy("gha", READ_ONLY);
        store.attachRolePolicy("gha", POWER_USER);
        store.putRolePolicy("other", "elsewhere", "{}");
        store.attachRolePolicy("other", READ_ONLY);

        RolePolicies policies = store.findRoleWithPolicies("GHA").orElseThrow();

        assertThat(policies.role()).isEqualTo(gha);
        assertThat(policies.inline()).containsExactly(new RolePolicy("gha", "admin", "{}"),
                new RolePolicy("gha", "push", PERMISSIONS));
        assertThat(policies.attached()).containsExactly(POWER_USER, READ_ONLY);
        assertThat(store.findRoleWithPolicies("other").orElseThrow().inline()).extracting(RolePolicy::policyName)
                .containsExactly("elsewhere");
        assertThat(store.findRoleWithPolicies("nope")).isEmpty();
    }

    @Test
    void aRoleWithoutPoliciesHasEmptyLists() {
        store.createRole(role("gha", "/"));

        RolePolicies policies = store.findRoleWithPolicies("gha").orElseThrow();

        assertThat(policies.inline()).isEmpty();
        assertThat(policies.attached()).isEmpty();
    }

    // ---- STS sessions

    @Test
    void sessionsAreFoundByAccessKeyId() {
        StsSession session = session("ASIAEXAMPLE000000001", T0, T0.plusSeconds(3600));

        store.saveSession(session);

        assertThat(store.findSession("ASIAEXAMPLE000000001")).contains(session);
        assertThat(store.findSession("ASIAEXAMPLE000000002")).isEmpty();
        assertThat(session.tokenMatches("token-of-ASIAEXAMPLE000000001")).isTrue();
        assertThat(session.tokenMatches("another token")).isFalse();
    }

    @Test
    void anAccessKeyIdIsSavedOnce() {
        store.saveSession(session("ASIAEXAMPLE000000001", T0, T0.plusSeconds(3600)));

        assertThatThrownBy(() -> store.saveSession(session("ASIAEXAMPLE000000001", T0, T0.plusSeconds(60))))
                .isInstanceOf(MetadataException.class);

        assertThat(store.findSession("ASIAEXAMPLE000000001").orElseThrow().expiresAt())
                .isEqualTo(T0.plusSeconds(3600));
    }

    @Test
    void sessionsThatExpiredBeforeAnInstantAreDeleted() {
        store.saveSession(session("ASIAEXAMPLE000000001", T0, T0.plusSeconds(900)));
        store.saveSession(session("ASIAEXAMPLE000000002", T0, T0.plusSeconds(3600)));
        store.saveSession(session("ASIAEXAMPLE000000003", T0, T0.plusSeconds(7200)));

        assertThat(store.deleteExpiredSessions(T0.plusSeconds(900))).isZero();
        assertThat(store.deleteExpiredSessions(T0.plusSeconds(3601))).isEqualTo(2);

        assertThat(store.findSession("ASIAEXAMPLE000000001")).isEmpty();
        assertThat(store.findSession("ASIAEXAMPLE000000002")).isEmpty();
        assertThat(store.findSession("ASIAEXAMPLE000000003")).isPresent();
        assertThat(store.deleteExpiredSessions(T0.plusSeconds(3601))).isZero();
    }

    // ---- server secrets

    @Test
    void aServerSecretIsCreatedOnceAndThenRead() {
        assertThat(store.serverSecret("registry-token-key", () -> "first")).isEqualTo("first");

        assertThat(store.serverSecret("registry-token-key", () -> {
            throw new AssertionError("an existing secret is not created again");
        })).isEqualTo("first");
        assertThat(store.serverSecret("another", () -> "second")).isEqualTo("second");
    }

    @Test
    void concurrentCallersAllGetTheSecretThatWon() throws Exception {
        int threads = 16;
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger candidates = new AtomicInteger();

        runConcurrently(threads, thread -> seen.add(store.serverSecret("signing-key",
                () -> "candidate-" + candidates.incrementAndGet())));

        assertThat(seen).hasSize(threads);
        assertThat(seen.stream().distinct()).hasSize(1);
        assertThat(store.serverSecret("signing-key", () -> "late")).isEqualTo(seen.getFirst());
    }

    // ---- durability

    @Test
    void everythingSurvivesAReopen() {
        store.createOidcProvider(provider("token.actions.githubusercontent.com"));
        Role gha = role("gha", "/ci/");
        store.createRole(gha);
        store.putRolePolicy("gha", "push", PERMISSIONS);
        store.attachRolePolicy("gha", POWER_USER);
        StsSession session = session("ASIAEXAMPLE000000001", T0, T0.plusSeconds(3600));
        store.saveSession(session);
        String secret = store.serverSecret("key", () -> "value");

        store = reopen();

        assertThat(store.findOidcProvider(GITHUB)).contains(provider("token.actions.githubusercontent.com"));
        assertThat(store.findRoleWithPolicies("gha")).contains(new RolePolicies(gha,
                List.of(new RolePolicy("gha", "push", PERMISSIONS)), List.of(POWER_USER)));
        assertThat(store.findSession("ASIAEXAMPLE000000001")).contains(session);
        assertThat(store.serverSecret("key", () -> "other")).isEqualTo(secret);
    }

    // ---- fixtures

    protected static Arn providerArn(String url) {
        return Arn.parse("arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + url);
    }

    protected static OidcProvider provider(String url) {
        return new OidcProvider(providerArn(url), url, List.of("sts.amazonaws.com"),
                List.of("6938fd4d98bab03faadb97b34396831e3780aea1"), List.of(new IamTag("owner", "ci")), T0);
    }

    protected static Arn roleArn(String path, String name) {
        return Arn.parse("arn:aws:iam::" + ACCOUNT + ":role" + path + name);
    }

    protected static Role role(String name, String path) {
        String id = "AROA%017d".formatted(ROLE_IDS.incrementAndGet());
        return new Role(id, name, path, roleArn(path, name), TRUST, "", Duration.ofHours(1), List.of(), T0);
    }

    protected static StsSession session(String accessKeyId, Instant issuedAt, Instant expiresAt) {
        return new StsSession(accessKeyId, "s".repeat(40), StsSession.tokenSha256("token-of-" + accessKeyId),
                Arn.parse("arn:aws:sts::" + ACCOUNT + ":assumed-role/gha/GitHubActions"), roleArn("/", "gha"),
                "AROAGHAXXXXXXXXXXXXXX", "GitHubActions", "repo:acme/app:ref:refs/heads/main", "",
                "{\"sub\":\"repo:acme/app:ref:refs/heads/main\",\"run_id\":\"42\"}", issuedAt, expiresAt);
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> copy = new ArrayList<>(list);
        copy.add(item);
        return copy;
    }

    /** What a worker thread does; may throw. */
    @FunctionalInterface
    protected interface Worker {
        void run(int thread) throws Exception;
    }

    /** Runs {@code threads} workers released at once and waits for all; rethrows the first failure. */
    protected static void runConcurrently(int threads, Worker worker) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> results = IntStream.range(0, threads).mapToObj(t -> pool.submit((Callable<Void>) () -> {
                start.await();
                worker.run(t);
                return null;
            })).toList();
            start.countDown();
            for (Future<Void> result : results) {
                result.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
