package dev.berth.api.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.audit.ApiAudit;
import dev.berth.api.http.Exchange;
import dev.berth.auth.Headers;
import dev.berth.auth.IncomingRequest;
import dev.berth.auth.Principal;
import dev.berth.auth.SigV4Exception;
import dev.berth.auth.SigV4Verifier;
import dev.berth.auth.VerifiedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS APIs on the registry's port ({@code POST /}): ECR by {@code X-Amz-Target} (JSON 1.1), STS and IAM by the
 * form's {@code Action} and the signature's credential scope (Query protocol, XML). Verifies SigV4 on every call
 * but AssumeRoleWithWebIdentity, and answers every refusal in the caller's protocol. A 5xx never carries an
 * internal message.
 */
public final class AwsApiHandler {
    private static final Logger LOG = LoggerFactory.getLogger(AwsApiHandler.class);
    /** ECR UploadLayerPart carries layer bytes base64 in JSON; AWS caps a part at 20 MiB. */
    private static final int MAX_BODY = 32 * 1024 * 1024;

    private final SigV4Verifier<Principal> verifier;
    private final Map<String, QueryService> queryServices;
    private final Map<String, JsonService> jsonServices;
    private final Clock clock;
    private final ApiAudit audit;

    /**
     * @param clock the clock the verifier checks request times against; the {@code Date} of every response comes
     *     from it, since SDKs correct their clock skew from that header (spec §1.2) and must converge on this one
     */
    public AwsApiHandler(SigV4Verifier<Principal> verifier, List<QueryService> query, List<JsonService> json,
            Clock clock, ApiAudit audit) {
        this.verifier = verifier;
        this.clock = clock;
        this.audit = audit;
        this.queryServices = query.stream().collect(Collectors.toMap(QueryService::signingName, Function.identity()));
        this.jsonServices = json.stream().collect(Collectors.toMap(JsonService::targetPrefix, Function.identity()));
    }

    /** Whether a request is for the AWS APIs rather than the registry. */
    public static boolean accepts(Exchange ex) {
        return ex.path().equals("/") && (ex.method().equals("POST") || ex.method().equals("GET"));
    }

    public void handle(Exchange ex) throws IOException {
        String requestId = RequestIds.next();
        ex.header("x-amzn-RequestId", requestId);
        ex.header("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(clock).withZoneSameInstant(
                ZoneOffset.UTC)));
        String target = ex.header("X-Amz-Target");
        if (target != null) {
            handleJson(ex, target);
        } else {
            handleQuery(ex);
        }
    }

    private void handleJson(Exchange ex, String target) throws IOException {
        try {
            int dot = target.lastIndexOf('.');
            JsonService service = dot < 0 ? null : jsonServices.get(target.substring(0, dot));
            if (service == null) {
                throw new AwsApiException("UnknownOperationException", 400, "unknown target " + target);
            }
            byte[] body = ex.readBody(MAX_BODY);
            Principal caller = verify(ex, body, service.signingName());
            JsonNode input = AwsJson.parse(body);
            String operation = target.substring(dot + 1);
            JsonNode output = service.handle(operation, input, caller, ex.remoteAddress());
            audit.jsonCall(caller, service.actionPrefix(), operation, input, ex.remoteAddress(), RequestIds.current());
            ex.send(200, AwsJson.CONTENT_TYPE, AwsJson.bytes(output));
        } catch (SigV4Exception e) {
            sendJsonError(ex, e.error().jsonCode(), e.error().jsonStatus(), e.getMessage());
        } catch (AwsApiException e) {
            sendJsonError(ex, e.code(), e.status(), e.getMessage(), e.members());
        } catch (Exchange.BodyTooLargeException e) {
            sendJsonError(ex, "ValidationException", 400, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("ECR {} failed (request {})", target, RequestIds.current(), e);
            sendJsonError(ex, "ServerException", 500, "internal server error");
        }
    }

    private void handleQuery(Exchange ex) throws IOException {
        String namespace = "https://sts.amazonaws.com/doc/2011-06-15/";
        try {
            byte[] body = ex.method().equals("POST") ? ex.readBody(MAX_BODY) : new byte[0];
            String form = ex.method().equals("POST") ? new String(body, StandardCharsets.UTF_8) : ex.rawQuery();
            QueryRequest request = QueryRequest.parse(form);
            IncomingRequest incoming = incoming(ex, body);
            QueryService service;
            Principal caller = null;
            if (!SigV4Verifier.isSigned(incoming)) {
                service = unsignedService(request.action())
                        .orElseThrow(() -> new AwsApiException("MissingAuthenticationToken", 403,
                                "Request is missing Authentication Token"));
            } else {
                VerifiedRequest<Principal> verified = verifier.verify(incoming);
                service = queryServices.get(verified.service());
                if (service == null) {
                    throw new AwsApiException("InvalidAction", 400, "service " + verified.service() + " is not served here");
                }
                caller = verified.principal();
            }
            namespace = service.namespace();
            Xml xml = service.handle(request, caller, ex.remoteAddress());
            if (caller != null) { // unsigned calls (AssumeRoleWithWebIdentity) are kept as STS sessions instead
                audit.queryCall(caller, service.signingName(), request.action(), request.params(), ex.remoteAddress(),
                        RequestIds.current());
            }
            ex.send(200, "text/xml", xml.bytes());
        } catch (SigV4Exception e) {
            sendXmlError(ex, namespace, e.error().queryCode(), e.error().queryStatus(), e.getMessage());
        } catch (AwsApiException e) {
            sendXmlError(ex, namespace, e.code(), e.status(), e.getMessage());
        } catch (Exchange.BodyTooLargeException e) {
            sendXmlError(ex, namespace, "ValidationError", 400, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("AWS query call failed (request {})", RequestIds.current(), e);
            sendXmlError(ex, namespace, "ServiceFailure", 500, "internal server error");
        }
    }

    private Optional<QueryService> unsignedService(String action) {
        return queryServices.values().stream().filter(s -> s.isUnsigned(action)).findFirst();
    }

    private Principal verify(Exchange ex, byte[] body, String signingName) {
        VerifiedRequest<Principal> verified = verifier.verify(incoming(ex, body));
        if (!verified.service().equals(signingName)) {
            throw new SigV4Exception(dev.berth.auth.SigV4Error.SIGNATURE_DOES_NOT_MATCH,
                    "Credential should be scoped to correct service: '" + signingName + "'.");
        }
        return verified.principal();
    }

    private static IncomingRequest incoming(Exchange ex, byte[] body) {
        return IncomingRequest.of(ex.method(), ex.rawPath(), ex.rawQuery(), Headers.of(ex.headers()), body);
    }

    private static void sendJsonError(Exchange ex, String code, int status, String message) throws IOException {
        sendJsonError(ex, code, status, message, Map.of());
    }

    private static void sendJsonError(Exchange ex, String code, int status, String message,
            Map<String, Object> members) throws IOException {
        ObjectNode error = AwsJson.object().put("__type", code).put("message", message);
        members.forEach((k, v) -> error.set(k, AwsJson.MAPPER.valueToTree(v)));
        ex.header("X-Amzn-ErrorType", code);
        ex.send(status, AwsJson.CONTENT_TYPE, AwsJson.bytes(error));
    }

    private static void sendXmlError(Exchange ex, String namespace, String code, int status, String message)
            throws IOException {
        Xml xml = new Xml().open("ErrorResponse", namespace).open("Error")
                .element("Type", status >= 500 ? "Receiver" : "Sender").element("Code", code)
                .element("Message", message).close("Error").element("RequestId", RequestIds.current())
                .close("ErrorResponse");
        ex.send(status, "text/xml", xml.bytes());
    }
}
