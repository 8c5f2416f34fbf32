package dev.berth.registry.scan;

import dev.berth.oci.RepositoryName;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One rule of the registry scanning configuration: the repositories its WILDCARD filters match get its frequency.
 *
 * @param filters ECR {@code ScanningRepositoryFilter} values; {@code *} matches any run of characters
 */
public record ScanningRule(ScanFrequency frequency, List<String> filters) {
    /** ECR's constraint on a filter (botocore {@code ScanOnPushFilter}). */
    static final Pattern FILTER = Pattern.compile("^[a-z0-9*](?:[._\\-/a-z0-9*]?[a-z0-9*]+)*$");
    static final int MAX_FILTERS = 100;

    public ScanningRule {
        Objects.requireNonNull(frequency, "frequency");
        filters = List.copyOf(filters);
        if (filters.size() > MAX_FILTERS) {
            throw new InvalidScanningConfigurationException("a rule has at most " + MAX_FILTERS
                    + " repository filters, got " + filters.size());
        }
        for (String filter : filters) {
            if (filter.isEmpty() || filter.length() > 255 || !FILTER.matcher(filter).matches()) {
                throw new InvalidScanningConfigurationException("repository filter '" + filter
                        + "' must match " + FILTER.pattern());
            }
        }
    }

    /** The first filter that matches the repository's name. */
    public java.util.Optional<String> matchingFilter(RepositoryName repository) {
        return filters.stream().filter(f -> wildcard(f, repository.value())).findFirst();
    }

    /** Whether a WILDCARD filter matches the whole name ({@code *} is any run, possibly empty, of characters). */
    static boolean wildcard(String filter, String name) {
        String[] parts = filter.split("\\*", -1);
        if (parts.length == 1) {
            return filter.equals(name);
        }
        if (!name.startsWith(parts[0])) {
            return false;
        }
        int at = parts[0].length();
        for (int i = 1; i < parts.length - 1; i++) {
            int found = name.indexOf(parts[i], at);
            if (found < 0) {
                return false;
            }
            at = found + parts[i].length();
        }
        String last = parts[parts.length - 1];
        return name.length() - at >= last.length() && name.endsWith(last);
    }
}
