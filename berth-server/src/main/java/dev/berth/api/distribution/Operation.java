package dev.berth.api.distribution;

/**
 * Every operation of the OCI Distribution API (spec "Endpoints" end-1..end-13) with the access it needs on the
 * repository it names. Authorization reads {@link #access()} here and nowhere else.
 */
public enum Operation {
    BASE(Access.NONE),
    CATALOG(Access.CATALOG),
    BLOB_GET(Access.PULL),
    BLOB_HEAD(Access.PULL),
    BLOB_DELETE(Access.DELETE),
    UPLOAD_START(Access.PUSH),
    UPLOAD_STATUS(Access.PUSH),
    UPLOAD_CHUNK(Access.PUSH),
    UPLOAD_COMPLETE(Access.PUSH),
    UPLOAD_CANCEL(Access.PUSH),
    MANIFEST_GET(Access.PULL),
    MANIFEST_HEAD(Access.PULL),
    MANIFEST_PUT(Access.PUSH),
    MANIFEST_DELETE(Access.DELETE),
    TAGS_LIST(Access.PULL),
    REFERRERS(Access.PULL);

    /** What a caller must be allowed to do on the repository. */
    public enum Access { NONE, CATALOG, PULL, PUSH, DELETE }

    private final Access access;

    Operation(Access access) {
        this.access = access;
    }

    public Access access() {
        return access;
    }
}
