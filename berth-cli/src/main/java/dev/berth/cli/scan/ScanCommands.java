package dev.berth.cli.scan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.CliDuration;
import dev.berth.cli.CliException;
import dev.berth.cli.CommandGroup;
import dev.berth.cli.Environment;
import dev.berth.cli.ExitCode;
import dev.berth.cli.ecr.EcrCommand;
import dev.berth.cli.ecr.ImageArgument;
import dev.berth.cli.ecr.ImageRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Attribute;
import software.amazon.awssdk.services.ecr.model.DescribeImageScanFindingsResponse;
import software.amazon.awssdk.services.ecr.model.EnhancedImageScanFinding;
import software.amazon.awssdk.services.ecr.model.ImageScanFinding;
import software.amazon.awssdk.services.ecr.model.ScanNotFoundException;
import software.amazon.awssdk.services.ecr.model.StartImageScanResponse;

/**
 * {@code berth scan start|wait|findings}: ECR {@code StartImageScan} and {@code DescribeImageScanFindings}, with the
 * seeds' security gate as one option ({@code --fail-on 'CRITICAL>0,HIGH>5'}, exit code 3).
 */
public final class ScanCommands {
    private ScanCommands() {
    }

    @Command(name = "scan", mixinStandardHelpOptions = true,
            description = "Start an image scan, wait for it, and gate on its findings.")
    public static final class Group extends CommandGroup {
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start a scan of an image.")
    public static final class Start extends EcrCommand {
        @Mixin
        ImageArgument image;

        public Start(Environment env, Clock clock) {
            super(env, clock);
        }

        @Override
        protected ExitCode execute() {
            ImageRef ref = image.ref();
            try (EcrClient ecr = ecr()) {
                StartImageScanResponse r = ecr.startImageScan(b -> b.repositoryName(ref.repository().value())
                        .imageId(ref.imageId()));
                String status = r.imageScanStatus() == null ? "IN_PROGRESS" : r.imageScanStatus().statusAsString();
                print(object().put("repositoryName", r.repositoryName()).put("imageDigest", r.imageId().imageDigest())
                        .put("status", status), "Scan of " + ref + " (" + r.imageId().imageDigest() + "): " + status);
                return ExitCode.OK;
            }
        }
    }

    /** The options of the commands that show findings. */
    abstract static class FindingsCommand extends EcrCommand {
        @Mixin
        ImageArgument image;

        @Option(names = "--fail-on", description = "exit 3 when the counts exceed these thresholds, "
                + "e.g. 'CRITICAL>0,HIGH>5'")
        String failOn;

        @Option(names = "--top", defaultValue = "10", description = "how many findings to list (default ${DEFAULT-VALUE})")
        int top;

        FindingsCommand(Environment env, Clock clock) {
            super(env, clock);
        }

        /** Prints the summary and applies the gate. */
        ExitCode report(ScanSummary summary, FailOn gate) {
            List<FailOn.Violation> violations = gate.evaluate(summary.counts());
            print(json(summary, gate, violations), summary.render(top, gate));
            return violations.isEmpty() ? ExitCode.OK : ExitCode.SCAN_GATE_FAILED;
        }

        static ObjectNode json(ScanSummary summary, FailOn gate, List<FailOn.Violation> violations) {
            ObjectNode node = object().put("image", summary.image()).put("status", summary.status());
            ObjectNode counts = node.putObject("findingSeverityCounts");
            summary.counts().forEach((s, n) -> counts.put(s.name(), n));
            ArrayNode findings = node.putArray("findings");
            for (ScanFinding f : summary.top(Integer.MAX_VALUE)) {
                findings.addObject().put("name", f.name()).put("severity", f.severity().name())
                        .put("package", f.packageName()).put("version", f.packageVersion()).put("uri", f.uri());
            }
            if (!gate.thresholds().isEmpty()) {
                ObjectNode g = node.putObject("gate").put("failOn", gate.toString()).put("passed", violations.isEmpty());
                ArrayNode exceeded = g.putArray("exceeded");
                violations.forEach(v -> exceeded.addObject().put("threshold", v.threshold().toString())
                        .put("count", v.count()));
            }
            return node;
        }

        /** The scan's state now, with all its findings when it is complete; empty when there is no scan. */
        Optional<ScanSummary> read(EcrClient ecr, ImageRef ref) {
            List<ScanFinding> findings = new ArrayList<>();
            Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
            String status = null;
            String next = null;
            try {
                do {
                    String token = next;
                    DescribeImageScanFindingsResponse r = ecr.describeImageScanFindings(b -> b
                            .repositoryName(ref.repository().value()).imageId(ref.imageId()).nextToken(token));
                    if (status == null) {
                        status = r.imageScanStatus() == null ? "UNKNOWN" : r.imageScanStatus().statusAsString();
                        if (r.imageScanFindings() != null) {
                            r.imageScanFindings().findingSeverityCountsAsStrings().forEach((s, n) ->
                                    Severity.parse(s).ifPresent(sev -> counts.merge(sev, n, Integer::sum)));
                        }
                    }
                    if (r.imageScanFindings() != null) {
                        r.imageScanFindings().findings().forEach(f -> findings.add(finding(f)));
                        r.imageScanFindings().enhancedFindings().forEach(f -> findings.add(finding(f)));
                    }
                    next = r.nextToken();
                } while (next != null && !next.isEmpty());
            } catch (ScanNotFoundException e) {
                return Optional.empty();
            }
            return Optional.of(new ScanSummary(ref.toString(), status, counts, findings));
        }

        static ScanFinding finding(ImageScanFinding f) {
            String pkg = null;
            String version = null;
            for (Attribute a : f.attributes()) {
                if ("package_name".equals(a.key())) {
                    pkg = a.value();
                } else if ("package_version".equals(a.key())) {
                    version = a.value();
                }
            }
            return new ScanFinding(f.name(), Severity.parse(f.severityAsString()).orElse(Severity.UNDEFINED), pkg,
                    version, f.uri());
        }

        static ScanFinding finding(EnhancedImageScanFinding f) {
            String pkg = null;
            String version = null;
            String name = f.title();
            String uri = null;
            if (f.packageVulnerabilityDetails() != null) {
                name = Optional.ofNullable(f.packageVulnerabilityDetails().vulnerabilityId()).orElse(name);
                uri = f.packageVulnerabilityDetails().sourceUrl();
                if (!f.packageVulnerabilityDetails().vulnerablePackages().isEmpty()) {
                    pkg = f.packageVulnerabilityDetails().vulnerablePackages().get(0).name();
                    version = f.packageVulnerabilityDetails().vulnerablePackages().get(0).version();
                }
            }
            return new ScanFinding(name == null ? "?" : name, Severity.parse(f.severity()).orElse(Severity.UNDEFINED),
                    pkg, version, uri);
        }
    }

    @Command(name = "wait", mixinStandardHelpOptions = true,
            description = "Wait for an image's scan to finish, print its findings, and apply --fail-on.")
    public static final class Wait extends FindingsCommand {
        @Option(names = "--timeout", defaultValue = "10m", converter = CliDuration.Converter.class,
                description = "how long to wait: 600, 10m, 1h or PT10M (default ${DEFAULT-VALUE})")
        Duration timeout;

        @Option(names = "--poll-interval", defaultValue = "PT3S", converter = CliDuration.Converter.class,
                hidden = true)
        Duration interval;

        public Wait(Environment env, Clock clock) {
            super(env, clock);
        }

        @Override
        protected ExitCode execute() {
            ImageRef ref = image.ref();
            FailOn gate = FailOn.parse(failOn);
            Instant deadline = clock.instant().plus(timeout);
            try (EcrClient ecr = ecr()) {
                while (true) {
                    Optional<ScanSummary> summary = read(ecr, ref);
                    String status = summary.map(ScanSummary::status).orElse("none");
                    if (status.equals("COMPLETE") || status.equals("ACTIVE")) {
                        return report(summary.get(), gate);
                    }
                    if (status.equals("FAILED") || status.equals("UNSUPPORTED_IMAGE")
                            || status.equals("SCAN_ELIGIBILITY_EXPIRED") || status.equals("FINDINGS_UNAVAILABLE")) {
                        throw new CliException(ExitCode.ERROR, "the scan of " + ref + " ended " + status
                                + ": no findings to judge");
                    }
                    if (clock.instant().isAfter(deadline)) {
                        throw new CliException(ExitCode.ERROR, summary.isEmpty()
                                ? "no scan of " + ref + " after " + timeout + ": start one with berth scan start "
                                        + ref + " or create the repository with --scan-on-push"
                                : "the scan of " + ref + " is still " + status + " after " + timeout);
                    }
                    dev.berth.cli.ecr.Polling.sleep(interval);
                }
            }
        }
    }

    @Command(name = "findings", mixinStandardHelpOptions = true,
            description = "Print an image's scan findings and apply --fail-on.")
    public static final class Findings extends FindingsCommand {
        public Findings(Environment env, Clock clock) {
            super(env, clock);
        }

        @Override
        protected ExitCode execute() {
            ImageRef ref = image.ref();
            FailOn gate = FailOn.parse(failOn);
            try (EcrClient ecr = ecr()) {
                ScanSummary summary = read(ecr, ref).orElseThrow(() -> new CliException(ExitCode.NOT_FOUND,
                        "no scan of " + ref + ": start one with berth scan start " + ref));
                if (!summary.status().equals("COMPLETE") && !summary.status().equals("ACTIVE")) {
                    throw new CliException(ExitCode.ERROR, "the scan of " + ref + " is " + summary.status()
                            + ": wait for it with berth scan wait " + ref);
                }
                return report(summary, gate);
            }
        }
    }
}
