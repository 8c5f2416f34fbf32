package dev.berth.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * A request whose SigV4 signature checked out.
 *
 * @param accessKeyId the access key the request was signed with
 * @param region the region of the credential scope (any region the client chose, see spec 1.1)
 * @param service the service of the credential scope ({@code ecr}, {@code sts}, {@code iam}); route on it
 * @param principal what the {@link SecretLookup} returned for the key
 * @param signedAt the request time the client signed ({@code X-Amz-Date})
 * @param presigned true when the signature came in the query string rather than the {@code Authorization} header
 * @param <P> the principal type
 */
public record VerifiedRequest<P>(String accessKeyId, String region, String service, P principal, Instant signedAt,
        boolean presigned) {
    public VerifiedRequest {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(signedAt, "signedAt");
    }
}
