package dev.berth.api.ecr;

import dev.berth.api.aws.AwsApiException;
import dev.berth.oci.Digest;
import dev.berth.oci.RepositoryName;
import java.util.Collection;
import java.util.Map;

/**
 * The ECR error catalogue: each exception by the name AWS gives it, HTTP 400 (every modelled ECR error is a client
 * error but ServerException, which the JSON edge sends for unexpected failures), with AWS's wording where known.
 * {@code LimitExceededException} is retried by SDKs as throttling; it is used only for real quotas.
 */
final class EcrErrors {
    private EcrErrors() {}

    static AwsApiException of(String code, String message) {
        return new AwsApiException(code, 400, message);
    }

    static AwsApiException invalidParameter(String message) {
        return of("InvalidParameterException", message);
    }

    /** A model constraint the framework checks (required, length, enum, range), in AWS's Coral wording. */
    static AwsApiException validation(String member, Object value, String constraint) {
        return of("ValidationException", "1 validation error detected: Value " + (value == null ? "null"
                : "'" + value + "'") + " at '" + member + "' failed to satisfy constraint: " + constraint);
    }

    static AwsApiException repositoryNotFound(RepositoryName name, String registryId) {
        return of("RepositoryNotFoundException", "The repository with name '" + name
                + "' does not exist in the registry with id '" + registryId + "'");
    }

    static AwsApiException repositoryAlreadyExists(RepositoryName name, String registryId) {
        return of("RepositoryAlreadyExistsException", "The repository with name '" + name
                + "' already exists in the registry with id '" + registryId + "'");
    }

    static AwsApiException repositoryNotEmpty(RepositoryName name, String registryId) {
        return of("RepositoryNotEmptyException", "The repository with name '" + name + "' in registry with id '"
                + registryId + "' cannot be deleted because it still contains images");
    }

    static AwsApiException repositoryPolicyNotFound(RepositoryName name, String registryId) {
        return of("RepositoryPolicyNotFoundException", "Repository policy does not exist for the repository with name '"
                + name + "' in the registry with id '" + registryId + "'");
    }

    static AwsApiException registryPolicyNotFound(String registryId) {
        return of("RegistryPolicyNotFoundException", "Registry policy does not exist in the registry with id '"
                + registryId + "'");
    }

    static AwsApiException imageNotFound(String imageId, RepositoryName name, String registryId) {
        return of("ImageNotFoundException", "The image with imageId " + imageId
                + " does not exist within the repository with name '" + name + "' in the registry with id '"
                + registryId + "'");
    }

    static AwsApiException imageAlreadyExists(Digest digest, String tag, RepositoryName name, String registryId) {
        return of("ImageAlreadyExistsException", "Image with digest '" + digest + "'"
                + (tag == null ? "" : " and tag '" + tag + "'") + " already exists in the repository with name '"
                + name + "' in registry with id '" + registryId + "'");
    }

    static AwsApiException imageTagAlreadyExists(String tag, RepositoryName name) {
        return of("ImageTagAlreadyExistsException", "The image tag '" + tag + "' already exists in the '" + name
                + "' repository and cannot be overwritten because the tag is immutable.");
    }

    static AwsApiException layersNotFound(Collection<String> digests, RepositoryName name, String registryId) {
        return of("LayersNotFoundException", "Layers with digests '" + digests + "' required for pushing image into"
                + " repository with name '" + name + "' in the registry with id '" + registryId + "' do not exist");
    }

    static AwsApiException referencedImagesNotFound(Collection<String> digests, RepositoryName name) {
        return of("ReferencedImagesNotFoundException", "The manifests with digests '" + digests
                + "' referenced by the image index were not found in the repository with name '" + name + "'");
    }

    static AwsApiException layerAlreadyExists(String digest, RepositoryName name, String registryId) {
        return of("LayerAlreadyExistsException", "The layer '" + digest + "' already exists in the repository with"
                + " name '" + name + "' in the registry with id '" + registryId + "'");
    }

    static AwsApiException uploadNotFound(String uploadId, RepositoryName name, String registryId) {
        return of("UploadNotFoundException", "The upload with id '" + uploadId + "' does not exist in the repository"
                + " with name '" + name + "' in the registry with id '" + registryId + "'");
    }

    static AwsApiException invalidLayerPart(String uploadId, RepositoryName name, String registryId,
                                            long lastValidByteReceived, String message) {
        return new AwsApiException("InvalidLayerPartException", 400, message, Map.of("registryId", registryId,
                "repositoryName", name.value(), "uploadId", uploadId, "lastValidByteReceived", lastValidByteReceived));
    }

    static AwsApiException limitExceeded(String message) {
        return of("LimitExceededException", message);
    }

    /** The repository's pull gate refuses the image (a Berth extension): AccessDeniedException with the reason. */
    static AwsApiException pullRefused(String reason) {
        return of("AccessDeniedException", reason);
    }

    static AwsApiException templateNotFound(String prefix) {
        return of("TemplateNotFoundException", "The repository creation template with prefix '" + prefix
                + "' does not exist");
    }

    static AwsApiException templateAlreadyExists(String prefix) {
        return of("TemplateAlreadyExistsException", "The repository creation template with prefix '" + prefix
                + "' already exists");
    }
}
