package dev.berth.metadata;

import dev.berth.iam.Arn;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * {@link IamStore} over JDBC, on the database of a {@link JdbcMetadataStore} (schema: {@code V3__iam.sql}, notes:
 * docs/iam-api.md). Get one with {@link JdbcMetadataStore#iamStore()}, which shares the metadata store's write queue,
 * so that on SQLite the registry and IAM writers take turns in one line; or with {@link #open} on a data source of
 * its own. It has no resources of its own to close.
 *
 * <p>Each write is one short transaction. Read-modify-writes ({@code update…}, {@code deleteRole}, and adding a
 * policy to a role) first touch the row they depend on with an UPDATE, which takes its row lock on PostgreSQL (SQLite
 * already runs one writer at a time), so concurrent changes queue instead of overwriting each other, and a policy
 * cannot be added to a role that a concurrent DeleteRole is removing. Reads are single statements in auto-commit
 * mode, except {@link #findRoleWithPolicies} (two). Thread-safe.
 */
public final class JdbcIamStore implements IamStore {
    private static final String ROLE_ID = "(SELECT role_id FROM iam_roles WHERE name_key = ?)";

    private final Transactions transactions;

    JdbcIamStore(Transactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /**
     * A store on a database the caller manages, migrated to the newest schema. Its writers queue separately from
     * those of a {@link JdbcMetadataStore} on the same database (SQLite's busy timeout then arbitrates), so prefer
     * {@link JdbcMetadataStore#iamStore()} within one process.
     */
    public static JdbcIamStore open(DataSource dataSource, Dialect dialect) {
        Migrations.migrate(dataSource, dialect);
        return new JdbcIamStore(new Transactions(dataSource, dialect));
    }

    // ---- OIDC providers

    @Override
    public boolean createOidcProvider(OidcProvider p) {
        return transactions.write("createOidcProvider", c -> Sql.update(c,
                "INSERT INTO iam_oidc_providers (" + IamRows.PROVIDER + ") VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING",
                p.arn().toString(), p.url(), IamColumns.strings(p.clientIds()), IamColumns.strings(p.thumbprints()),
                IamColumns.tags(p.tags()), p.createdAt().toEpochMilli()) == 1);
    }

    @Override
    public Optional<OidcProvider> findOidcProvider(Arn arn) {
        return transactions.read("findOidcProvider", c -> provider(c, "arn", arn.toString()));
    }

    @Override
    public Optional<OidcProvider> findOidcProviderByUrl(String url) {
        return transactions.read("findOidcProviderByUrl", c -> provider(c, "url", url));
    }

    @Override
    public List<OidcProvider> listOidcProviders() {
        return transactions.read("listOidcProviders", c -> Sql.list(c,
                "SELECT " + IamRows.PROVIDER + " FROM iam_oidc_providers ORDER BY arn", IamRows::provider));
    }

    @Override
    public Optional<OidcProvider> updateOidcProvider(Arn arn, UnaryOperator<OidcProvider> change) {
        String key = arn.toString();
        return transactions.write("updateOidcProvider", c -> {
            if (Sql.update(c, "UPDATE iam_oidc_providers SET arn = arn WHERE arn = ?", key) == 0) {
                return Optional.empty();
            }
            OidcProvider current = provider(c, "arn", key).orElseThrow();
            OidcProvider next = Objects.requireNonNull(change.apply(current), "changed provider");
            if (!next.arn().equals(current.arn()) || !next.url().equals(current.url())
                    || !next.createdAt().equals(current.createdAt())) {
                throw new IllegalArgumentException("an update may not change a provider's ARN, URL or creation time");
            }
            Sql.update(c, "UPDATE iam_oidc_providers SET client_ids = ?, thumbprints = ?, tags = ? WHERE arn = ?",
                    IamColumns.strings(next.clientIds()), IamColumns.strings(next.thumbprints()),
                    IamColumns.tags(next.tags()), key);
            return Optional.of(next);
        });
    }

    @Override
    public boolean deleteOidcProvider(Arn arn) {
        return transactions.write("deleteOidcProvider", c -> Sql.update(c,
                "DELETE FROM iam_oidc_providers WHERE arn = ?", arn.toString()) == 1);
    }

    // ---- roles

    @Override
    public boolean createRole(Role r) {
        return transactions.write("createRole", c -> Sql.update(c,
                "INSERT INTO iam_roles (" + IamRows.ROLE + ", name_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (name_key) DO NOTHING",
                r.roleId(), r.name(), r.path(), r.arn().toString(), r.assumeRolePolicyDocument(), r.description(),
                r.maxSessionDuration().toSeconds(), IamColumns.tags(r.tags()), r.createdAt().toEpochMilli(),
                r.nameKey()) == 1);
    }

    @Override
    public Optional<Role> findRole(String name) {
        return transactions.read("findRole", c -> role(c, name));
    }

    @Override
    public List<Role> listRoles(String pathPrefix, String afterName, int limit) {
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        if (requireLimit(limit) == 0) {
            return List.of();
        }
        String select = "SELECT " + IamRows.ROLE + " FROM iam_roles WHERE SUBSTR(path, 1, ?) = ?";
        return transactions.read("listRoles", c -> afterName == null
                ? Sql.list(c, select + " ORDER BY name_key LIMIT ?", IamRows::role,
                        pathPrefix.length(), pathPrefix, limit)
                : Sql.list(c, select + " AND name_key > ? ORDER BY name_key LIMIT ?", IamRows::role,
                        pathPrefix.length(), pathPrefix, Role.nameKey(afterName), limit));
    }

    @Override
    public Optional<Role> updateRole(String name, UnaryOperator<Role> change) {
        return transactions.write("updateRole", c -> {
            if (!lockRole(c, name)) {
                return Optional.empty();
            }
            Role current = role(c, name).orElseThrow();
            Role next = Objects.requireNonNull(change.apply(current), "changed role");
            if (!next.sameIdentity(current)) {
                throw new IllegalArgumentException(
                        "an update may not change a role's id, name, path, ARN or creation time");
            }
            Sql.update(c, "UPDATE iam_roles SET assume_role_policy = ?, description = ?, max_session_seconds = ?,"
                            + " tags = ? WHERE role_id = ?",
                    next.assumeRolePolicyDocument(), next.description(), next.maxSessionDuration().toSeconds(),
                    IamColumns.tags(next.tags()), next.roleId());
            return Optional.of(next);
        });
    }

    @Override
    public RoleDeletion deleteRole(String name) {
        String key = Role.nameKey(name);
        return transactions.write("deleteRole", c -> {
            if (!lockRole(c, name)) {
                return RoleDeletion.NO_SUCH_ROLE;
            }
            long policies = Sql.first(c, "SELECT (SELECT COUNT(*) FROM iam_role_policies WHERE role_id = " + ROLE_ID
                            + ") + (SELECT COUNT(*) FROM iam_role_attached_policies WHERE role_id = " + ROLE_ID + ")",
                    row -> row.getLong(1), key, key).orElse(0L);
            if (policies > 0) {
                return RoleDeletion.HAS_POLICIES;
            }
            Sql.update(c, "DELETE FROM iam_roles WHERE name_key = ?", key);
            return RoleDeletion.DELETED;
        });
    }

    @Override
    public Optional<RolePolicies> findRoleWithPolicies(String name) {
        return transactions.read("findRoleWithPolicies", c -> {
            Optional<Role> role = role(c, name);
            if (role.isEmpty()) {
                return Optional.empty();
            }
            String id = role.get().roleId();
            List<RolePolicy> inline = new ArrayList<>();
            List<Arn> attached = new ArrayList<>();
            // One query for both kinds: a NULL document marks an attached policy's ARN.
            List<String[]> rows = Sql.list(c, "SELECT name, document FROM iam_role_policies WHERE role_id = ?"
                            + " UNION ALL SELECT policy_arn, NULL FROM iam_role_attached_policies WHERE role_id = ?",
                    row -> new String[] {row.getString(1), row.getString(2)}, id, id);
            for (String[] row : rows) {
                if (row[1] != null) {
                    inline.add(new RolePolicy(role.get().name(), row[0], row[1]));
                } else {
                    attached.add(Arn.parse(row[0]));
                }
            }
            inline.sort(Comparator.comparing(RolePolicy::policyName));
            attached.sort(Comparator.comparing(Arn::toString));
            return Optional.of(new RolePolicies(role.get(), inline, attached));
        });
    }

    // ---- inline role policies

    @Override
    public boolean putRolePolicy(String roleName, String policyName, String document) {
        Objects.requireNonNull(policyName, "policyName");
        Objects.requireNonNull(document, "document");
        return transactions.write("putRolePolicy", c -> lockRole(c, roleName) && Sql.update(c,
                "INSERT INTO iam_role_policies (role_id, name, document) VALUES (" + ROLE_ID + ", ?, ?)"
                        + " ON CONFLICT (role_id, name) DO UPDATE SET document = excluded.document",
                Role.nameKey(roleName), policyName, document) == 1);
    }

    @Override
    public Optional<RolePolicy> findRolePolicy(String roleName, String policyName) {
        return transactions.read("findRolePolicy", c -> Sql.first(c,
                "SELECT r.name, p.document FROM iam_role_policies p JOIN iam_roles r ON r.role_id = p.role_id"
                        + " WHERE r.name_key = ? AND p.name = ?",
                row -> new RolePolicy(row.getString(1), policyName, row.getString(2)),
                Role.nameKey(roleName), policyName));
    }

    @Override
    public boolean deleteRolePolicy(String roleName, String policyName) {
        return transactions.write("deleteRolePolicy", c -> Sql.update(c,
                "DELETE FROM iam_role_policies WHERE role_id = " + ROLE_ID + " AND name = ?",
                Role.nameKey(roleName), policyName) == 1);
    }

    @Override
    public List<String> listRolePolicyNames(String roleName, String afterPolicyName, int limit) {
        if (requireLimit(limit) == 0) {
            return List.of();
        }
        String select = "SELECT name FROM iam_role_policies WHERE role_id = " + ROLE_ID;
        String key = Role.nameKey(roleName);
        return transactions.read("listRolePolicyNames", c -> afterPolicyName == null
                ? Sql.list(c, select + " ORDER BY name LIMIT ?", row -> row.getString(1), key, limit)
                : Sql.list(c, select + " AND name > ? ORDER BY name LIMIT ?", row -> row.getString(1),
                        key, afterPolicyName, limit));
    }

    // ---- attached managed policies

    @Override
    public boolean attachRolePolicy(String roleName, Arn policyArn) {
        String arn = policyArn.toString();
        return transactions.write("attachRolePolicy", c -> {
            if (!lockRole(c, roleName)) {
                return false;
            }
            Sql.update(c, "INSERT INTO iam_role_attached_policies (role_id, policy_arn) VALUES (" + ROLE_ID + ", ?)"
                    + " ON CONFLICT (role_id, policy_arn) DO NOTHING", Role.nameKey(roleName), arn);
            return true;
        });
    }

    @Override
    public boolean detachRolePolicy(String roleName, Arn policyArn) {
        return transactions.write("detachRolePolicy", c -> Sql.update(c,
                "DELETE FROM iam_role_attached_policies WHERE role_id = " + ROLE_ID + " AND policy_arn = ?",
                Role.nameKey(roleName), policyArn.toString()) == 1);
    }

    @Override
    public List<Arn> attachedRolePolicies(String roleName) {
        return transactions.read("attachedRolePolicies", c -> Sql.list(c,
                "SELECT policy_arn FROM iam_role_attached_policies WHERE role_id = " + ROLE_ID
                        + " ORDER BY policy_arn",
                row -> Arn.parse(row.getString(1)), Role.nameKey(roleName)));
    }

    // ---- STS sessions

    @Override
    public void saveSession(StsSession s) {
        transactions.write("saveSession", c -> Sql.update(c,
                "INSERT INTO sts_sessions (" + IamRows.SESSION + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s.accessKeyId(), s.secretAccessKey(), s.sessionTokenSha256(), s.assumedRoleArn().toString(),
                s.roleArn().toString(), s.roleId(), s.sessionName(), s.subject(), s.sourceIdentity(),
                s.webIdentityClaims(), s.issuedAt().toEpochMilli(), s.expiresAt().toEpochMilli()));
    }

    @Override
    public Optional<StsSession> findSession(String accessKeyId) {
        return transactions.read("findSession", c -> Sql.first(c,
                "SELECT " + IamRows.SESSION + " FROM sts_sessions WHERE access_key_id = ?", IamRows::session,
                accessKeyId));
    }

    @Override
    public int deleteExpiredSessions(Instant instant) {
        return transactions.write("deleteExpiredSessions", c -> Sql.update(c,
                "DELETE FROM sts_sessions WHERE expires_at < ?", instant.toEpochMilli()));
    }

    // ---- server secrets

    @Override
    public String serverSecret(String name, Supplier<String> candidate) {
        Objects.requireNonNull(name, "name");
        Optional<String> existing = transactions.read("serverSecret", c -> secret(c, name));
        if (existing.isPresent()) {
            return existing.get();
        }
        String value = Objects.requireNonNull(candidate.get(), "candidate secret");
        return transactions.write("serverSecret", c -> {
            // Whoever inserts first wins; the others' INSERT does nothing (on PostgreSQL it waits for the winner to
            // commit) and their SELECT then reads the winner's value.
            Sql.update(c, "INSERT INTO server_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                    name, value);
            return secret(c, name).orElseThrow(() -> new SQLException("server secret " + name + " was not stored"));
        });
    }

    // ---- helpers

    private static Optional<OidcProvider> provider(Connection c, String column, String value) throws SQLException {
        return Sql.first(c, "SELECT " + IamRows.PROVIDER + " FROM iam_oidc_providers WHERE " + column + " = ?",
                IamRows::provider, value);
    }

    private static Optional<Role> role(Connection c, String name) throws SQLException {
        return Sql.first(c, "SELECT " + IamRows.ROLE + " FROM iam_roles WHERE name_key = ?", IamRows::role,
                Role.nameKey(name));
    }

    /** Touches the role's row, taking its row lock until the transaction ends; false when there is no such role. */
    private static boolean lockRole(Connection c, String name) throws SQLException {
        return Sql.update(c, "UPDATE iam_roles SET name_key = name_key WHERE name_key = ?", Role.nameKey(name)) == 1;
    }

    private static Optional<String> secret(Connection c, String name) throws SQLException {
        return Sql.first(c, "SELECT value FROM server_secrets WHERE name = ?", row -> row.getString(1), name);
    }

    private static int requireLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        return limit;
    }
}
