package dev.berth.api.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.aws.AwsJson;
import dev.berth.metadata.ImageScan;
import dev.berth.metadata.ManifestRecord;
import dev.berth.metadata.ScanState;
import dev.berth.oci.Digest;
import dev.berth.oci.RepositoryName;
import dev.berth.registry.RegistryException;
import dev.berth.registry.scan.InvalidScanningConfigurationException;
import dev.berth.registry.scan.RegistryScanningConfiguration;
import dev.berth.registry.scan.RepositoryScanning;
import dev.berth.registry.scan.ScanFrequency;
import dev.berth.registry.scan.ScanReport;
import dev.berth.registry.scan.ScanRequestException;
import dev.berth.registry.scan.ScanType;
import dev.berth.registry.scan.ScanningRule;
import dev.berth.vulndb.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Image scanning (spec §2.3): Put/GetRegistryScanningConfiguration, BatchGetRepositoryScanningConfiguration,
 * StartImageScan and DescribeImageScanFindings, answered from the {@link dev.berth.registry.scan.ScanService}.
 */
final class ScanOperations {
    private static final int DEFAULT_PAGE = 100;
    /** Most severe first, then by name and package: the order findings are listed and paged in. */
    private static final Comparator<Finding> ORDER = Comparator.comparing((Finding f) -> f.severity()).reversed()
            .thenComparing(Finding::id).thenComparing(f -> f.pkg().name()).thenComparing(f -> f.pkg().version())
            .thenComparing(f -> f.pkg().location());

    private final EcrContext ctx;

    ScanOperations(EcrContext ctx) {
        this.ctx = ctx;
    }

    Map<String, EcrOperation> operations() {
        return Map.of("PutRegistryScanningConfiguration", this::putConfiguration,
                "GetRegistryScanningConfiguration", this::getConfiguration,
                "BatchGetRepositoryScanningConfiguration", this::batchGetRepositoryConfiguration,
                "StartImageScan", this::start,
                "DescribeImageScanFindings", this::describeFindings);
    }

    private JsonNode putConfiguration(EcrCall call) {
        EcrInput in = call.input();
        ScanType type = ScanType.valueOf(in.enumeration("scanType", List.of("BASIC", "ENHANCED")).orElse("BASIC"));
        List<ScanningRule> rules = new ArrayList<>();
        List<JsonNode> given = in.list("rules");
        if (given.size() > 2) {
            throw EcrErrors.validation("rules", null, "Member must have length less than or equal to 2");
        }
        for (JsonNode node : given) {
            EcrInput rule = new EcrInput(node);
            ScanFrequency frequency = ScanFrequency.valueOf(rule.enumeration("scanFrequency",
                    List.of("SCAN_ON_PUSH", "CONTINUOUS_SCAN", "MANUAL")).orElseThrow(() ->
                    EcrErrors.validation("rules.member.scanFrequency", null, "Member must not be null")));
            if (!rule.has("repositoryFilters")) {
                throw EcrErrors.validation("rules.member.repositoryFilters", null, "Member must not be null");
            }
            List<String> filters = new ArrayList<>();
            for (JsonNode f : rule.list("repositoryFilters")) {
                EcrInput filter = new EcrInput(f);
                filter.enumeration("filterType", List.of("WILDCARD")).orElseThrow(() ->
                        EcrErrors.validation("filterType", null, "Member must not be null"));
                filters.add(filter.requiredString("filter"));
            }
            rules.add(rule(frequency, filters));
        }
        ctx.authorizeRegistry(call, "PutRegistryScanningConfiguration");
        RegistryScanningConfiguration configuration;
        try {
            configuration = new RegistryScanningConfiguration(type, rules);
        } catch (InvalidScanningConfigurationException e) {
            throw EcrErrors.invalidParameter(e.getMessage());
        }
        ctx.scans().putConfiguration(configuration);
        ObjectNode out = AwsJson.object();
        out.set("registryScanningConfiguration", configuration.toJson());
        return out;
    }

    private static ScanningRule rule(ScanFrequency frequency, List<String> filters) {
        try {
            return new ScanningRule(frequency, filters);
        } catch (InvalidScanningConfigurationException e) {
            throw EcrErrors.invalidParameter(e.getMessage());
        }
    }

    private JsonNode getConfiguration(EcrCall call) {
        ctx.authorizeRegistry(call, "GetRegistryScanningConfiguration");
        ObjectNode out = AwsJson.object().put("registryId", ctx.accountId());
        out.set("scanningConfiguration", ctx.scans().configuration().toJson());
        return out;
    }

    private JsonNode batchGetRepositoryConfiguration(EcrCall call) {
        EcrInput in = call.input();
        List<String> names = in.strings("repositoryNames");
        if (names.isEmpty() || names.size() > 25) {
            throw EcrErrors.validation("repositoryNames", null, "Member must have length between 1 and 25");
        }
        List<RepositoryName> parsed = names.stream().map(EcrInput::repositoryName).toList();
        for (RepositoryName name : parsed) {
            ctx.authorize(call, "BatchGetRepositoryScanningConfiguration", name);
        }
        ObjectNode out = AwsJson.object();
        ArrayNode configurations = out.putArray("scanningConfigurations");
        ArrayNode failures = out.putArray("failures");
        for (RepositoryName name : parsed) {
            RepositoryScanning scanning;
            try {
                scanning = ctx.scans().scanningOf(name);
            } catch (RegistryException e) {
                failures.addObject().put("repositoryName", name.value()).put("failureCode", "REPOSITORY_NOT_FOUND")
                        .put("failureReason", "REPOSITORY_NOT_FOUND");
                continue;
            }
            ObjectNode c = configurations.addObject().put("repositoryArn", ctx.repositoryArn(name).toString())
                    .put("repositoryName", name.value()).put("scanOnPush", scanning.scanOnPush())
                    .put("scanFrequency", scanning.frequency().name());
            ArrayNode applied = c.putArray("appliedScanFilters");
            scanning.appliedFilters().forEach(f -> applied.addObject().put("filter", f).put("filterType", "WILDCARD"));
        }
        return out;
    }

    private JsonNode start(EcrCall call) {
        EcrInput in = call.input();
        RepositoryName name = in.repositoryName();
        in.registryId(ctx.accountId());
        ImageIds id = imageId(in);
        ctx.authorize(call, "StartImageScan", name);
        ctx.requireRepository(name);
        ManifestRecord record = resolve(id, name);
        ImageScan scan;
        try {
            scan = ctx.scans().start(name, record.digest());
        } catch (ScanRequestException e) {
            throw switch (e.reason()) {
                case IMAGE_NOT_FOUND -> EcrErrors.imageNotFound(id.describe(), name, ctx.accountId());
                case UNSUPPORTED_IMAGE_TYPE -> EcrErrors.of("UnsupportedImageTypeException", e.getMessage());
                case LIMIT_EXCEEDED -> EcrErrors.limitExceeded(e.getMessage());
            };
        }
        ObjectNode out = AwsJson.object().put("registryId", ctx.accountId()).put("repositoryName", name.value());
        out.set("imageId", Shapes.imageId(record.digest(), id.tag()));
        out.set("imageScanStatus", status(scan));
        return out;
    }

    private JsonNode describeFindings(EcrCall call) {
        EcrInput in = call.input();
        RepositoryName name = in.repositoryName();
        in.registryId(ctx.accountId());
        ImageIds id = imageId(in);
        int limit = Math.toIntExact(in.number("maxResults", 1, 1000).orElse((long) DEFAULT_PAGE));
        String cursor = PageTokens.decode("DescribeImageScanFindings", in.string("nextToken").orElse(null));
        ctx.authorize(call, "DescribeImageScanFindings", name);
        ctx.requireRepository(name);
        ManifestRecord record = resolve(id, name);
        ScanReport report = ctx.scans().report(name, record.digest()).orElseThrow(() -> EcrErrors.of(
                "ScanNotFoundException", "Image scan does not exist for the image with '" + id.describe()
                        + "' in the repository with name '" + name + "' in the registry with id '"
                        + ctx.accountId() + "'"));
        ObjectNode out = AwsJson.object().put("registryId", ctx.accountId()).put("repositoryName", name.value());
        out.set("imageId", Shapes.imageId(record.digest(), id.tag()));
        out.set("imageScanStatus", status(report.scan()));
        if (report.scan().state() != ScanState.COMPLETE) {
            return out;
        }
        List<Finding> findings = new ArrayList<>(report.findings());
        findings.sort(ORDER);
        int from = offset(cursor, record.digest(), findings.size());
        ObjectNode scanFindings = summary(report);
        ArrayNode listed = scanFindings.putArray("findings");
        int to = Math.min(findings.size(), from + limit);
        for (Finding f : findings.subList(from, to)) {
            listed.add(finding(f));
        }
        out.set("imageScanFindings", scanFindings);
        if (to < findings.size()) {
            out.put("nextToken", PageTokens.encode("DescribeImageScanFindings", record.digest() + "\t" + to));
        }
        return out;
    }

    private static int offset(String cursor, Digest digest, int size) {
        if (cursor == null) {
            return 0;
        }
        int tab = cursor.indexOf('\t');
        try {
            int offset = Integer.parseInt(cursor.substring(tab + 1));
            if (tab < 0 || !cursor.substring(0, tab).equals(digest.toString()) || offset < 0 || offset > size) {
                throw new IllegalArgumentException();
            }
            return offset;
        } catch (RuntimeException e) {
            throw EcrErrors.invalidParameter("Invalid parameter at 'nextToken' failed to satisfy constraint:"
                    + " 'not a token this operation issued'");
        }
    }

    private ImageIds imageId(EcrInput in) {
        if (!in.has("imageId")) {
            throw EcrErrors.validation("imageId", null, "Member must not be null");
        }
        try {
            return ImageIds.parse(in.node("imageId"));
        } catch (ImageIds.Failure f) {
            throw EcrErrors.invalidParameter(f.getMessage());
        }
    }

    private ManifestRecord resolve(ImageIds id, RepositoryName name) {
        try {
            return id.resolve(ctx.manifests(), name);
        } catch (ImageIds.Failure f) {
            throw EcrErrors.imageNotFound(id.describe(), name, ctx.accountId());
        }
    }

    /** ECR's {@code ImageScanStatus}. */
    static ObjectNode status(ImageScan scan) {
        return AwsJson.object().put("status", scan.state().name()).put("description", scan.description());
    }

    /**
     * ECR's {@code ImageScanFindingsSummary} (also the head of {@code ImageScanFindings}): completion and database
     * times, and counts per severity (only severities with findings, as ECR writes them).
     */
    static ObjectNode summary(ScanReport report) {
        ObjectNode o = AwsJson.object();
        report.scan().completedAt().ifPresent(t -> o.put("imageScanCompletedAt", AwsJson.timestamp(t)));
        report.scan().dbUpdatedAt().ifPresent(t -> o.put("vulnerabilitySourceUpdatedAt", AwsJson.timestamp(t)));
        Map<dev.berth.vulndb.Severity, Integer> counts = new EnumMap<>(dev.berth.vulndb.Severity.class);
        report.findings().forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
        ObjectNode countNode = o.putObject("findingSeverityCounts");
        counts.forEach((severity, n) -> countNode.put(severity.name(), n));
        return o;
    }

    /**
     * ECR's {@code ImageScanFinding}: the CVE (or advisory) id, its description and page, ECR's severity name, and
     * the attributes basic scanning gives ({@code package_name}, {@code package_version}, the CVSS score and vector
     * when the severity came from one) plus {@code fixed_in_version} when a fix is known and Berth's own
     * {@code package_ecosystem} and {@code package_path}.
     */
    private static ObjectNode finding(Finding f) {
        ObjectNode o = AwsJson.object().put("name", f.id()).put("description", f.description()).put("uri", f.uri())
                .put("severity", f.severity().name());
        ArrayNode attributes = o.putArray("attributes");
        attribute(attributes, "package_name", f.pkg().name());
        attribute(attributes, "package_version", f.pkg().version());
        f.fixedVersion().ifPresent(v -> attribute(attributes, "fixed_in_version", v));
        Optional<String> vector = f.cvssVector();
        String cvss = vector.filter(v -> v.startsWith("CVSS:4")).isPresent() ? "CVSS4"
                : vector.filter(v -> v.startsWith("CVSS:3")).isPresent() ? "CVSS3" : "CVSS2";
        vector.ifPresent(v -> attribute(attributes, cvss + "_VECTOR", v));
        f.cvssScore().ifPresent(s -> attribute(attributes, cvss + "_SCORE", String.format(Locale.ROOT, "%.1f", s)));
        attribute(attributes, "package_ecosystem", f.pkg().ecosystem());
        attribute(attributes, "package_path", f.pkg().location());
        return o;
    }

    private static void attribute(ArrayNode attributes, String key, String value) {
        if (value != null && !value.isEmpty()) {
            attributes.addObject().put("key", key).put("value", value);
        }
    }
}
