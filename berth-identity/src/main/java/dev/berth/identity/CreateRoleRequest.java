package dev.berth.identity;

import dev.berth.metadata.IamTag;
import java.util.List;

/**
 * The members of an IAM {@code CreateRole} request as received (spec §4.5), unvalidated: {@link IamService#createRole}
 * checks them. {@code roleName} and {@code assumeRolePolicyDocument} are required; the others are null when absent on
 * the wire ({@code path} then defaults to {@code /}, {@code maxSessionDuration} to 3600 seconds, tags to none).
 * {@code PermissionsBoundary} is not supported and has no member here.
 */
public record CreateRoleRequest(String roleName, String path, String assumeRolePolicyDocument, String description,
                                Integer maxSessionDuration, List<IamTag> tags) {

    /** A request with only the required members. */
    public static CreateRoleRequest of(String roleName, String assumeRolePolicyDocument) {
        return new CreateRoleRequest(roleName, null, assumeRolePolicyDocument, null, null, null);
    }

    public CreateRoleRequest withPath(String newPath) {
        return new CreateRoleRequest(roleName, newPath, assumeRolePolicyDocument, description, maxSessionDuration,
                tags);
    }

    public CreateRoleRequest withDescription(String newDescription) {
        return new CreateRoleRequest(roleName, path, assumeRolePolicyDocument, newDescription, maxSessionDuration,
                tags);
    }

    public CreateRoleRequest withMaxSessionDuration(Integer seconds) {
        return new CreateRoleRequest(roleName, path, assumeRolePolicyDocument, description, seconds, tags);
    }

    public CreateRoleRequest withTags(List<IamTag> newTags) {
        return new CreateRoleRequest(roleName, path, assumeRolePolicyDocument, description, maxSessionDuration,
                newTags);
    }
}
