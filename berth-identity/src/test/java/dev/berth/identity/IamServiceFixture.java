package dev.berth.identity;

import dev.berth.iam.Arn;
import dev.berth.metadata.IamStore;
import dev.berth.metadata.JdbcMetadataStore;
import dev.berth.metadata.OidcProvider;
import dev.berth.metadata.Role;
import dev.berth.metadata.RolePolicies;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** An {@link IamService} on a real SQLite store in a fresh directory, with the seeds' documents. */
abstract class IamServiceFixture {
    static final Instant T0 = Instant.parse("2026-03-04T05:06:07.089Z");
    static final String ACCOUNT = "123456789012";
    static final String GITHUB_ISSUER = "https://token.actions.githubusercontent.com";
    static final Arn GITHUB = Arn.parse("arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com");
    static final String POWER_USER = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser";
    static final String READ_ONLY = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly";
    static final String THUMBPRINT = "6938fd4d98bab03faadb97b34396831e3780aea1";

    /** The seeds' trust policy for a GitHub Actions role (002-trust-policy.json), formatted as the seed has it. */
    static final String SEED_TRUST = """
            {
            "Version": "2012-10-17",
            "Statement": [
            {
            "Effect": "Allow",
            "Principal": {
            "Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
            },
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {
            "StringEquals": {
            "token.actions.githubusercontent.com:aud": "sts.amazonaws.com"
            },
            "StringLike": {
            "token.actions.githubusercontent.com:sub": "repo:acme/app:*"
            }
            }
            }
            ]
            }
            """;

    /** A push permission policy in the seeds' shape. */
    static final String PUSH_POLICY = """
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "Auth", "Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"},
              {"Sid": "Push", "Effect": "Allow",
               "Action": ["ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart",
                          "ecr:CompleteLayerUpload", "ecr:PutImage"],
               "Resource": "arn:aws:ecr:us-east-1:123456789012:repository/acme/app"}]}
            """;

    @TempDir
    Path dir;

    JdbcMetadataStore metadata;
    IamStore store;
    IamService iam;

    @BeforeEach
    void openService() {
        metadata = JdbcMetadataStore.sqlite(dir.resolve("metadata.db"));
        store = metadata.iamStore();
        iam = new IamService(store, ACCOUNT, Clock.fixed(T0, ZoneOffset.UTC));
    }

    @AfterEach
    void closeService() {
        metadata.close();
    }

    OidcProvider createGitHubProvider() {
        return iam.createOpenIDConnectProvider(GITHUB_ISSUER, List.of("sts.amazonaws.com"), List.of(THUMBPRINT),
                null);
    }

    Role createRole(String name) {
        return iam.createRole(CreateRoleRequest.of(name, SEED_TRUST));
    }

    /** Everything the store holds about providers and roles, to show that a refused operation changed nothing. */
    record State(List<OidcProvider> providers, List<RolePolicies> roles) {}

    State state() {
        List<RolePolicies> roles = store.listRoles("/", null, 1000).stream()
                .map(r -> store.findRoleWithPolicies(r.name()).orElseThrow())
                .toList();
        return new State(store.listOidcProviders(), roles);
    }

    static String repeat(String s, int times) {
        return s.repeat(times);
    }
}
