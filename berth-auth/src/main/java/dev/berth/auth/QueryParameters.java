package dev.berth.auth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * A raw query string split into parameters, each kept both decoded (to read {@code X-Amz-*} values) and in SigV4's
 * canonical encoding (to rebuild the canonical query string byte for byte). A parameter without {@code =} has an
 * empty value; a parameter with an empty name is skipped, as the AWS SDKs skip it when signing. Names are
 * case-sensitive. Immutable.
 */
final class QueryParameters {
    record Param(String name, String value, String canonicalName, String canonicalValue) {}

    private static final Comparator<Param> CANONICAL_ORDER =
            Comparator.comparing(Param::canonicalName).thenComparing(Param::canonicalValue);

    private final List<Param> params;

    private QueryParameters(List<Param> params) {
        this.params = List.copyOf(params);
    }

    static QueryParameters parse(String rawQuery) {
        List<Param> params = new ArrayList<>();
        if (!rawQuery.isEmpty()) {
            for (String piece : rawQuery.split("&", -1)) {
                int eq = piece.indexOf('=');
                String rawName = eq < 0 ? piece : piece.substring(0, eq);
                String rawValue = eq < 0 ? "" : piece.substring(eq + 1);
                if (rawName.isEmpty()) {
                    continue;
                }
                params.add(new Param(UriEncoding.decodeToString(rawName), UriEncoding.decodeToString(rawValue),
                        UriEncoding.canonicalize(rawName), UriEncoding.canonicalize(rawValue)));
            }
        }
        return new QueryParameters(params);
    }

    /** The decoded value of the first parameter named exactly {@code name}. */
    Optional<String> first(String name) {
        return params.stream().filter(p -> p.name().equals(name)).map(Param::value).findFirst();
    }

    int count(String name) {
        return (int) params.stream().filter(p -> p.name().equals(name)).count();
    }

    boolean contains(String name) {
        return count(name) > 0;
    }

    /**
     * The canonical query string: parameters sorted by encoded name, then encoded value, joined as
     * {@code name=value} with {@code &}; {@code excluded} (the signature of a presigned URL) left out.
     */
    String canonical(String excluded) {
        StringJoiner out = new StringJoiner("&");
        params.stream()
                .filter(p -> !p.name().equals(excluded))
                .sorted(CANONICAL_ORDER)
                .forEach(p -> out.add(p.canonicalName() + "=" + p.canonicalValue()));
        return out.toString();
    }
}
