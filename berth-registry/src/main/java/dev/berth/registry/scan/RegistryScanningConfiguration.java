package dev.berth.registry.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.oci.RepositoryName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The registry's scanning configuration (ECR PutRegistryScanningConfiguration): a scan type and at most two rules.
 * BASIC rules may only say SCAN_ON_PUSH; ENHANCED rules SCAN_ON_PUSH or CONTINUOUS_SCAN (MANUAL is what applies
 * where no rule matches, never a rule of its own), as the botocore model documents.
 *
 * <p>Which applies to a repository ({@link #applyTo}): the most frequent matching rule; where none matches, the
 * repository's own (deprecated but honoured) {@code scanOnPush} setting gives SCAN_ON_PUSH; else MANUAL.
 */
public record RegistryScanningConfiguration(ScanType type, List<ScanningRule> rules) {
    public static final RegistryScanningConfiguration DEFAULT = new RegistryScanningConfiguration(ScanType.BASIC,
            List.of());
    static final int MAX_RULES = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    public RegistryScanningConfiguration {
        Objects.requireNonNull(type, "type");
        rules = List.copyOf(rules);
        if (rules.size() > MAX_RULES) {
            throw new InvalidScanningConfigurationException("at most " + MAX_RULES + " scanning rules, got "
                    + rules.size());
        }
        for (ScanningRule rule : rules) {
            boolean allowed = switch (type) {
                case BASIC -> rule.frequency() == ScanFrequency.SCAN_ON_PUSH;
                case ENHANCED -> rule.frequency() != ScanFrequency.MANUAL;
            };
            if (!allowed) {
                throw new InvalidScanningConfigurationException("scan frequency " + rule.frequency()
                        + " is not supported for scan type " + type);
            }
        }
    }

    public RepositoryScanning applyTo(RepositoryName repository, boolean repositoryScanOnPush) {
        ScanFrequency best = null;
        String filter = null;
        for (ScanningRule rule : rules) {
            Optional<String> match = rule.matchingFilter(repository);
            if (match.isPresent() && (best == null || rule.frequency().compareTo(best) > 0)) {
                best = rule.frequency();
                filter = match.get();
            }
        }
        if (best != null) {
            return new RepositoryScanning(best, true, List.of(filter));
        }
        return repositoryScanOnPush ? new RepositoryScanning(ScanFrequency.SCAN_ON_PUSH, true, List.of())
                : new RepositoryScanning(ScanFrequency.MANUAL, false, List.of());
    }

    /** ECR's {@code RegistryScanningConfiguration} shape, also the stored form. */
    public ObjectNode toJson() {
        ObjectNode out = JSON.createObjectNode().put("scanType", type.name());
        ArrayNode array = out.putArray("rules");
        for (ScanningRule rule : rules) {
            ObjectNode r = array.addObject().put("scanFrequency", rule.frequency().name());
            ArrayNode filters = r.putArray("repositoryFilters");
            rule.filters().forEach(f -> filters.addObject().put("filter", f).put("filterType", "WILDCARD"));
        }
        return out;
    }

    /** Reads the stored form (written by {@link #toJson}). */
    public static RegistryScanningConfiguration parseStored(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            List<ScanningRule> rules = new ArrayList<>();
            for (JsonNode rule : node.path("rules")) {
                List<String> filters = new ArrayList<>();
                rule.path("repositoryFilters").forEach(f -> filters.add(f.path("filter").asText()));
                rules.add(new ScanningRule(ScanFrequency.valueOf(rule.path("scanFrequency").asText()), filters));
            }
            return new RegistryScanningConfiguration(ScanType.valueOf(node.path("scanType").asText()), rules);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
