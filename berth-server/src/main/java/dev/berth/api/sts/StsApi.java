package dev.berth.api.sts;

import dev.berth.api.aws.AwsApiException;
import dev.berth.api.aws.QueryRequest;
import dev.berth.api.aws.QueryService;
import dev.berth.api.aws.Xml;
import dev.berth.auth.IssuedCredentials;
import dev.berth.auth.Principal;
import dev.berth.auth.StsException;
import dev.berth.auth.StsService;
import dev.berth.auth.WebIdentityException;

/** STS over the Query protocol (spec §4.1, §4.2): AssumeRoleWithWebIdentity (unsigned) and GetCallerIdentity. */
public final class StsApi implements QueryService {
    private static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final String ASSUME = "AssumeRoleWithWebIdentity";

    private final StsService sts;

    public StsApi(StsService sts) {
        this.sts = sts;
    }

    @Override
    public String signingName() {
        return "sts";
    }

    @Override
    public String namespace() {
        return NAMESPACE;
    }

    @Override
    public boolean isUnsigned(String action) {
        return ASSUME.equals(action);
    }

    @Override
    public Xml handle(QueryRequest request, Principal caller, String sourceIp) {
        return switch (request.action()) {
            case ASSUME -> assumeRoleWithWebIdentity(request, sourceIp);
            case "GetCallerIdentity" -> getCallerIdentity(caller);
            default -> throw new AwsApiException("InvalidAction", 400,
                    "Could not find operation " + request.action() + " for version " + request.version());
        };
    }

    private Xml assumeRoleWithWebIdentity(QueryRequest request, String sourceIp) {
        String duration = request.optional("DurationSeconds");
        IssuedCredentials c;
        try {
            c = sts.assumeRoleWithWebIdentity(request.required("RoleArn"), request.required("RoleSessionName"),
                    request.required("WebIdentityToken"), duration == null ? null : request.integer("DurationSeconds", 0),
                    sourceIp);
        } catch (WebIdentityException e) {
            throw new AwsApiException(e.error().code(), e.error().httpStatus(), e.getMessage());
        } catch (StsException e) {
            throw new AwsApiException(e.code(), e.status(), e.getMessage());
        }
        Xml xml = QueryService.begin(NAMESPACE, ASSUME)
                .open("Credentials").element("AccessKeyId", c.accessKeyId())
                .element("SecretAccessKey", c.secretAccessKey()).element("SessionToken", c.sessionToken())
                .element("Expiration", c.expiration()).close("Credentials")
                .element("SubjectFromWebIdentityToken", c.subject())
                .open("AssumedRoleUser").element("AssumedRoleId", c.assumedRoleId())
                .element("Arn", c.assumedRoleArn()).close("AssumedRoleUser")
                .element("Provider", c.providerArn()).element("Audience", c.audience());
        return QueryService.end(xml, ASSUME);
    }

    private Xml getCallerIdentity(Principal caller) {
        if (caller == null) {
            throw new AwsApiException("MissingAuthenticationToken", 403, "Request is missing Authentication Token");
        }
        Xml xml = QueryService.begin(NAMESPACE, "GetCallerIdentity").element("UserId", caller.userId())
                .element("Account", caller.account()).element("Arn", caller.arn());
        return QueryService.end(xml, "GetCallerIdentity");
    }
}
