package dev.berth.api.iam;

import dev.berth.api.aws.Access;
import dev.berth.api.aws.AwsApiException;
import dev.berth.api.aws.QueryRequest;
import dev.berth.api.aws.QueryService;
import dev.berth.api.aws.Xml;
import dev.berth.auth.Authorizer;
import dev.berth.auth.Principal;
import dev.berth.iam.Arn;
import dev.berth.iam.ManagedPolicy;
import dev.berth.iam.MalformedPolicyDocumentException;
import dev.berth.identity.CreateRoleRequest;
import dev.berth.identity.IamException;
import dev.berth.identity.IamService;
import dev.berth.identity.Page;
import dev.berth.metadata.IamTag;
import dev.berth.metadata.OidcProvider;
import dev.berth.metadata.Role;
import dev.berth.metadata.RolePolicy;
import java.util.List;
import java.util.Map;

/**
 * IAM over the Query protocol (spec §4.4, §4.5): OIDC providers, roles, inline and attached role policies. Every
 * call is authorized as {@code iam:<Action>} (the account's root key may do all). Thin: the rules are in
 * {@link IamService}.
 */
public final class IamApi implements QueryService {
    private static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

    private final IamService iam;
    private final Authorizer authorizer;

    public IamApi(IamService iam, Authorizer authorizer) {
        this.iam = iam;
        this.authorizer = authorizer;
    }

    @Override
    public String signingName() {
        return "iam";
    }

    @Override
    public String namespace() {
        return NAMESPACE;
    }

    @Override
    public Xml handle(QueryRequest q, Principal caller, String sourceIp) {
        String action = q.action();
        String roleName = q.optional("RoleName");
        Arn resource = roleName == null ? null
                : new Arn("aws", "iam", "", iam.accountId(), "role/" + roleName);
        Access.require(authorizer, caller, "iam:" + action, resource, Map.of(), List.of(), sourceIp, "AccessDenied");
        try {
            return dispatch(q, action);
        } catch (IamException e) {
            throw new AwsApiException(e.code(), e.httpStatus(), e.getMessage());
        } catch (MalformedPolicyDocumentException e) {
            throw new AwsApiException("MalformedPolicyDocument", 400, e.getMessage());
        }
    }

    private Xml dispatch(QueryRequest q, String action) {
        return switch (action) {
            case "CreateOpenIDConnectProvider" -> {
                OidcProvider p = iam.createOpenIDConnectProvider(q.required("Url"), q.list("ClientIDList"),
                        q.list("ThumbprintList"), tags(q));
                yield result(action, x -> tagsXml(x.element("OpenIDConnectProviderArn", p.arn()), p.tags()));
            }
            case "GetOpenIDConnectProvider" -> {
                OidcProvider p = iam.getOpenIDConnectProvider(q.required("OpenIDConnectProviderArn"));
                yield result(action, x -> tagsXml(x.element("Url", p.url()).members("ClientIDList", p.clientIds())
                        .members("ThumbprintList", p.thumbprints()).element("CreateDate", p.createdAt()), p.tags()));
            }
            case "ListOpenIDConnectProviders" -> result(action, x -> {
                x.open("OpenIDConnectProviderList");
                for (Arn arn : iam.listOpenIDConnectProviders()) {
                    x.open("member").element("Arn", arn).close("member");
                }
                x.close("OpenIDConnectProviderList");
            });
            case "DeleteOpenIDConnectProvider" -> {
                iam.deleteOpenIDConnectProvider(q.required("OpenIDConnectProviderArn"));
                yield QueryService.empty(NAMESPACE, action);
            }
            case "AddClientIDToOpenIDConnectProvider" -> {
                iam.addClientIDToOpenIDConnectProvider(q.required("OpenIDConnectProviderArn"), q.required("ClientID"));
                yield QueryService.empty(NAMESPACE, action);
            }
            case "RemoveClientIDFromOpenIDConnectProvider" -> {
                iam.removeClientIDFromOpenIDConnectProvider(q.required("OpenIDConnectProviderArn"),
                        q.required("ClientID"));
                yield QueryService.empty(NAMESPACE, action);
            }
            case "UpdateOpenIDConnectProviderThumbprint" -> {
                iam.updateOpenIDConnectProviderThumbprint(q.required("OpenIDConnectProviderArn"),
                        q.list("ThumbprintList"));
                yield QueryService.empty(NAMESPACE, action);
            }
            case "CreateRole" -> {
                String duration = q.optional("MaxSessionDuration");
                Role role = iam.createRole(new CreateRoleRequest(q.required("RoleName"), q.optional("Path"),
                        q.required("AssumeRolePolicyDocument"), q.optional("Description"),
                        duration == null ? null : q.integer("MaxSessionDuration", 0), tags(q)));
                yield result(action, x -> roleXml(x, "Role", role));
            }
            case "GetRole" -> {
                Role role = iam.getRole(q.required("RoleName"));
                yield result(action, x -> roleXml(x, "Role", role));
            }
            case "DeleteRole" -> {
                iam.deleteRole(q.required("RoleName"));
                yield QueryService.empty(NAMESPACE, action);
            }
            case "ListRoles" -> {
                Page<Role> page = iam.listRoles(q.optional("PathPrefix"), q.optional("Marker"), maxItems(q));
                yield result(action, x -> {
                    x.open("Roles");
                    page.items().forEach(r -> roleXml(x, "member", r));
                    pageEnd(x.close("Roles"), page);
                });
            }
            case "UpdateRole" -> {
                String duration = q.optional("MaxSessionDuration");
                iam.updateRole(q.required("RoleName"), q.optional("Description"),
                        duration == null ? null : q.integer("MaxSessionDuration", 0));
                yield result(action, x -> { });
            }
            case "UpdateAssumeRolePolicy" -> {
                iam.updateAssumeRolePolicy(q.required("RoleName"), q.required("PolicyDocument"));
                yield QueryService.empty(NAMESPACE, action);
            }
            case "TagRole" -> {
                iam.tagRole(q.required("RoleName"), tags(q));
                yield QueryService.empty(NAMESPACE, action);
            }
            case "UntagRole" -> {
                iam.untagRole(q.required("RoleName"), q.list("TagKeys"));
                yield QueryService.empty(NAMESPACE, action);
            }
            case "ListRoleTags" -> {
                Page<IamTag> page = iam.listRoleTags(q.required("RoleName"), q.optional("Marker"), maxItems(q));
                yield result(action, x -> pageEnd(tagsXml(x, page.items()), page));
            }
            case "PutRolePolicy" -> {
                iam.putRolePolicy(q.required("RoleName"), q.required("PolicyName"), q.required("PolicyDocument"));
                yield QueryService.empty(NAMESPACE, action);
            }
            case "GetRolePolicy" -> {
                RolePolicy p = iam.getRolePolicy(q.required("RoleName"), q.required("PolicyName"));
                yield result(action, x -> x.element("RoleName", p.roleName()).element("PolicyName", p.policyName())
                        .element("PolicyDocument", PolicyEncoding.encode(p.document())));
            }
            case "DeleteRolePolicy" -> {
                iam.deleteRolePolicy(q.required("RoleName"), q.required("PolicyName"));
                yield QueryService.empty(NAMESPACE, action);
            }
            case "ListRolePolicies" -> {
                Page<String> page = iam.listRolePolicies(q.required("RoleName"), q.optional("Marker"), maxItems(q));
                yield result(action, x -> pageEnd(x.members("PolicyNames", page.items()), page));
            }
            case "AttachRolePolicy" -> {
                iam.attachRolePolicy(q.required("RoleName"), q.required("PolicyArn"));
                yield QueryService.empty(NAMESPACE, action);
            }
            case "DetachRolePolicy" -> {
                iam.detachRolePolicy(q.required("RoleName"), q.required("PolicyArn"));
                yield QueryService.empty(NAMESPACE, action);
            }
            case "ListAttachedRolePolicies" -> {
                Page<ManagedPolicy> page = iam.listAttachedRolePolicies(q.required("RoleName"),
                        q.optional("PathPrefix"), q.optional("Marker"), maxItems(q));
                yield result(action, x -> {
                    x.open("AttachedPolicies");
                    for (ManagedPolicy p : page.items()) {
                        x.open("member").element("PolicyName", p.name()).element("PolicyArn", p.arn()).close("member");
                    }
                    pageEnd(x.close("AttachedPolicies"), page);
                });
            }
            default -> throw new AwsApiException("InvalidAction", 400,
                    "Could not find operation " + action + " for version " + q.version());
        };
    }

    private static Xml result(String action, java.util.function.Consumer<Xml> body) {
        Xml x = QueryService.begin(NAMESPACE, action);
        body.accept(x);
        return QueryService.end(x, action);
    }

    private static Integer maxItems(QueryRequest q) {
        return q.optional("MaxItems") == null ? null : q.integer("MaxItems", 100);
    }

    private static List<IamTag> tags(QueryRequest q) {
        return q.tags("Tags").entrySet().stream().map(e -> new IamTag(e.getKey(), e.getValue())).toList();
    }

    private static Xml tagsXml(Xml x, List<IamTag> tags) {
        x.open("Tags");
        for (IamTag t : tags) {
            x.open("member").element("Key", t.key()).element("Value", t.value()).close("member");
        }
        return x.close("Tags");
    }

    private static void pageEnd(Xml x, Page<?> page) {
        x.element("IsTruncated", page.isTruncated());
        page.nextMarker().ifPresent(m -> x.element("Marker", m));
    }

    private static void roleXml(Xml x, String element, Role r) {
        x.open(element).element("Path", r.path()).element("RoleName", r.name()).element("RoleId", r.roleId())
                .element("Arn", r.arn()).element("CreateDate", r.createdAt())
                .element("AssumeRolePolicyDocument", PolicyEncoding.encode(r.assumeRolePolicyDocument()));
        if (!r.description().isEmpty()) {
            x.element("Description", r.description());
        }
        x.element("MaxSessionDuration", r.maxSessionDuration().toSeconds());
        if (!r.tags().isEmpty()) {
            tagsXml(x, r.tags());
        }
        x.close(element);
    }
}
