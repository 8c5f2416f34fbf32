package dev.berth.api.aws;

import dev.berth.auth.Principal;

/** An AWS Query-protocol service (STS, IAM): one call in, the XML of its {@code <Op>Response} out. */
public interface QueryService {

    /** The signing name in the credential scope ({@code sts}, {@code iam}). */
    String signingName();

    /** The XML namespace of responses, e.g. {@code https://sts.amazonaws.com/doc/2011-06-15/}. */
    String namespace();

    /**
     * @param caller the verified caller, or null for an unsigned call (only AssumeRoleWithWebIdentity may be)
     * @param sourceIp the client's address
     * @throws AwsApiException for a refusal in the protocol's terms
     */
    Xml handle(QueryRequest request, Principal caller, String sourceIp);

    /** Whether the action may be called without a signature. */
    default boolean isUnsigned(String action) {
        return false;
    }

    /** Opens {@code <Op>Response} and {@code <Op>Result}; pair with {@link #end}. */
    static Xml begin(String namespace, String action) {
        return new Xml().open(action + "Response", namespace).open(action + "Result");
    }

    /** Closes what {@link #begin} opened and adds the response metadata. */
    static Xml end(Xml xml, String action) {
        return xml.close(action + "Result").open("ResponseMetadata").element("RequestId", RequestIds.current())
                .close("ResponseMetadata").close(action + "Response");
    }

    /** A response without a result element (operations with no output). */
    static Xml empty(String namespace, String action) {
        return new Xml().open(action + "Response", namespace).open("ResponseMetadata")
                .element("RequestId", RequestIds.current()).close("ResponseMetadata").close(action + "Response");
    }
}
