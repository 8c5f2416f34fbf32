package dev.berth.registry;

/** The distribution spec's error codes (spec "Error Codes"); the HTTP edge maps each to its status. */
public enum RegistryError {
    BLOB_UNKNOWN("blob unknown to registry"),
    BLOB_UPLOAD_INVALID("blob upload invalid"),
    BLOB_UPLOAD_UNKNOWN("blob upload unknown to registry"),
    DIGEST_INVALID("provided digest did not match uploaded content"),
    MANIFEST_BLOB_UNKNOWN("manifest references a manifest or blob unknown to registry"),
    MANIFEST_INVALID("manifest invalid"),
    MANIFEST_UNKNOWN("manifest unknown to registry"),
    NAME_INVALID("invalid repository name"),
    NAME_UNKNOWN("repository name not known to registry"),
    SIZE_INVALID("provided length did not match content length"),
    UNAUTHORIZED("authentication required"),
    DENIED("requested access to the resource is denied"),
    UNSUPPORTED("the operation is unsupported"),
    TOOMANYREQUESTS("too many requests"),
    TAG_INVALID("tag invalid"),
    /** Not a spec code: an upload chunk that does not continue the upload (416, with the current range). */
    RANGE_INVALID("requested range not satisfiable"),
    /** Not a spec code: a server fault (500), named as the reference registry names it; never carries detail. */
    UNKNOWN("unknown error"),
    /**
     * Not a spec code: a push would overwrite a tag the repository's tag mutability makes immutable. Sent as
     * TAG_INVALID (400) on /v2/, as ECR does; the ECR API's name for it is ImageTagAlreadyExistsException.
     */
    TAG_IMMUTABLE("tag is immutable");

    private final String description;

    RegistryError(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
