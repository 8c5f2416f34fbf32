package dev.berth.iam;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything a policy is evaluated against: the caller, the action ({@code service:Action}, no wildcards), the
 * resource (an ARN, or none for actions without resource-level permissions such as
 * {@code ecr:GetAuthorizationToken}, which then match only {@code Resource: "*"}), the condition keys with their
 * values (multi-valued; names case-insensitive), the request time and the source address.
 *
 * <p>The builder adds {@code aws:CurrentTime}, {@code aws:EpochTime}, {@code aws:SourceIp} and the
 * {@code aws:Principal*} keys from the other fields unless the caller set those keys itself. A key with no values is
 * the same as an absent key. Immutable and thread-safe once built.
 */
public final class RequestContext {
    private static final Pattern ACTION = Pattern.compile("[A-Za-z0-9-]+:[A-Za-z0-9]+");

    private final Caller caller;
    private final String action;
    private final Arn resource;
    private final Map<String, List<String>> keys;
    private final Instant time;

    private RequestContext(Builder b) {
        this.caller = b.caller;
        this.action = b.action;
        this.resource = b.resource;
        this.time = b.time;
        Map<String, List<String>> all = new LinkedHashMap<>(b.keys);
        derive(all, ConditionKeys.CURRENT_TIME, time.toString());
        derive(all, ConditionKeys.EPOCH_TIME, Long.toString(time.getEpochSecond()));
        if (b.sourceIp != null) {
            derive(all, ConditionKeys.SOURCE_IP, b.sourceIp);
        }
        caller.principalArn().ifPresent(arn -> derive(all, ConditionKeys.PRINCIPAL_ARN, arn.toString()));
        caller.account().ifPresent(account -> derive(all, ConditionKeys.PRINCIPAL_ACCOUNT, account));
        switch (caller.kind()) {
            case ROOT -> derive(all, ConditionKeys.PRINCIPAL_TYPE, "Account");
            case USER -> {
                derive(all, ConditionKeys.PRINCIPAL_TYPE, "User");
                String path = caller.arn().orElseThrow().resourceId();
                derive(all, ConditionKeys.USERNAME, path.substring(path.lastIndexOf('/') + 1));
            }
            case ASSUMED_ROLE -> derive(all, ConditionKeys.PRINCIPAL_TYPE, "AssumedRole");
            default -> { }
        }
        this.keys = Map.copyOf(all);
    }

    private static void derive(Map<String, List<String>> keys, String key, String value) {
        keys.putIfAbsent(ConditionKeys.normalize(key), List.of(value));
    }

    /**
     * Starts a context. {@code action} must be {@code service:Action} without wildcards; {@code time} is the request
     * time (from the server's {@link java.time.Clock}).
     */
    public static Builder builder(Caller caller, String action, Instant time) {
        return new Builder(caller, action, time);
    }

    public Caller caller() {
        return caller;
    }

    public String action() {
        return action;
    }

    /** The resource, or empty for an action without resource-level permissions. */
    public Optional<Arn> resource() {
        return Optional.ofNullable(resource);
    }

    /** The resource as matched against {@code Resource} patterns: its ARN, or {@code *} when there is none. */
    public String resourceText() {
        return resource == null ? "*" : resource.toString();
    }

    public Instant time() {
        return time;
    }

    /** The values of a condition key (case-insensitive name); empty when the key is absent. */
    public List<String> values(String key) {
        return keys.getOrDefault(ConditionKeys.normalize(key), List.of());
    }

    /** The value a policy variable {@code ${key}} takes: present only when the key has exactly one value. */
    public Optional<String> variable(String key) {
        List<String> values = values(key);
        return values.size() == 1 ? Optional.of(values.getFirst()) : Optional.empty();
    }

    /** All keys (lower-cased) with their values, for audit and explanation. */
    public Map<String, List<String>> keys() {
        return keys;
    }

    @Override
    public String toString() {
        return caller + " " + action + " on " + resourceText();
    }

    /** Collects a context; not thread-safe. */
    public static final class Builder {
        private final Caller caller;
        private final String action;
        private final Instant time;
        private final Map<String, List<String>> keys = new LinkedHashMap<>();
        private Arn resource;
        private String sourceIp;

        private Builder(Caller caller, String action, Instant time) {
            this.caller = Objects.requireNonNull(caller, "caller");
            this.action = Objects.requireNonNull(action, "action");
            this.time = Objects.requireNonNull(time, "time");
            if (!ACTION.matcher(action).matches()) {
                throw new IllegalArgumentException("action must be service:Action without wildcards: " + action);
            }
        }

        /** The resource acted on; leave unset for actions without resource-level permissions. */
        public Builder resource(Arn resource) {
            this.resource = Objects.requireNonNull(resource, "resource");
            return this;
        }

        /** The client's address (IPv4 or IPv6 literal); becomes {@code aws:SourceIp}. */
        public Builder sourceIp(String address) {
            if (!IpRange.isAddress(address)) {
                throw new IllegalArgumentException("not an IP address literal: " + address);
            }
            this.sourceIp = address;
            return this;
        }

        /** Sets a condition key's values, replacing any earlier ones; no values means absent. */
        public Builder key(String key, String... values) {
            return key(key, List.of(values));
        }

        /** Sets a condition key's values, replacing any earlier ones; no values means absent. */
        public Builder key(String key, Collection<String> values) {
            if (key.isBlank()) {
                throw new IllegalArgumentException("condition key must not be blank");
            }
            String normalized = ConditionKeys.normalize(key);
            if (values.isEmpty()) {
                keys.remove(normalized);
            } else {
                keys.put(normalized, List.copyOf(values));
            }
            return this;
        }

        public RequestContext build() {
            return new RequestContext(this);
        }
    }
}
