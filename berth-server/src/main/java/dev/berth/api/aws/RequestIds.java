package dev.berth.api.aws;

import java.util.UUID;

/** The request id of the AWS call being handled on this thread (handlers run one request per virtual thread). */
public final class RequestIds {
    private static final ThreadLocal<String> CURRENT = ThreadLocal.withInitial(() -> UUID.randomUUID().toString());

    private RequestIds() {}

    public static String current() {
        return CURRENT.get();
    }

    static String next() {
        String id = UUID.randomUUID().toString();
        CURRENT.set(id);
        return id;
    }
}
