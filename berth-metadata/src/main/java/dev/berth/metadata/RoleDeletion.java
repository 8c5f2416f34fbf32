package dev.berth.metadata;

/** What {@link IamStore#deleteRole} did. */
public enum RoleDeletion {
    /** The role is gone. */
    DELETED,
    /** There was no role with that name. */
    NO_SUCH_ROLE,
    /** The role still has inline or attached policies, so it was kept (IAM's {@code DeleteConflict}). */
    HAS_POLICIES
}
