package dev.berth.lifecycle;

import dev.berth.oci.Digest;
import dev.berth.oci.DigestAlgorithm;
import dev.berth.oci.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Shared test data: the seed policies, a fixed clock, digests named after letters, terse policy JSON. */
final class Fixtures {
    /** The fixed "now" of every evaluation test. */
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Map<Digest, String> NAMES = new ConcurrentHashMap<>();

    private Fixtures() {}

    static String resource(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LifecyclePolicy seed(String file) {
        return LifecyclePolicy.parse(resource("seeds/" + file));
    }

    /** JSON written with single quotes, for readable tables. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    /** A policy of the given rules, each written with single quotes. */
    static String policy(String... rules) {
        return json("{'rules': [" + String.join(", ", rules) + "]}");
    }

    /** One rule: {@code selection} is the body of the selection object, single-quoted. */
    static String rule(int priority, String selection) {
        return "{'rulePriority': " + priority + ", 'selection': {" + selection + "}, 'action': {'type': 'expire'}}";
    }

    /** A stable, distinct digest for a short name ("A", "index", ...); {@link #name} maps it back. */
    static Digest digest(String name) {
        Digest d = Digest.compute(DigestAlgorithm.SHA256, name.getBytes(StandardCharsets.UTF_8));
        NAMES.putIfAbsent(d, name);
        return d;
    }

    static String name(Digest digest) {
        return NAMES.getOrDefault(digest, digest.toString());
    }

    /** The expired images, by name, with their applied rule priority. */
    static Map<String, Integer> expired(List<Decision> decisions) {
        Map<String, Integer> out = new TreeMap<>();
        decisions.stream().filter(Decision::expires)
                .forEach(d -> out.put(name(d.image().digest()), d.appliedRulePriority().orElseThrow()));
        return out;
    }

    /** Every image's reason, by name, rendered as the reason's type and its digests as names. */
    static Map<String, String> reasons(List<Decision> decisions) {
        Map<String, String> out = new TreeMap<>();
        for (Decision d : decisions) {
            String text = d.reason().toString();
            for (Map.Entry<Digest, String> e : NAMES.entrySet()) {
                text = text.replace(e.getKey().toString(), e.getValue());
            }
            out.put(name(d.image().digest()), text);
        }
        return out;
    }

    static List<Decision> evaluate(String policyJson, ImageFacts.Builder... images) {
        return LifecycleEvaluator.evaluate(LifecyclePolicy.parse(policyJson),
                Stream.of(images).map(ImageFacts.Builder::build).toList(), NOW);
    }

    static Instant daysAgo(double days) {
        return NOW.minus(Duration.ofMinutes(Math.round(days * 24 * 60)));
    }

    /** An image manifest named {@code name}, pushed {@code days} ago, with the given tags. */
    static ImageFacts.Builder image(String name, double days, String... tags) {
        ImageFacts.Builder b = ImageFacts.builder(digest(name), MediaTypes.OCI_MANIFEST, daysAgo(days));
        for (String tag : tags) {
            b.tag(tag);
        }
        return b;
    }

    /** An index (multi-arch manifest list) named {@code name}. */
    static ImageFacts.Builder index(String name, double days, String... tags) {
        ImageFacts.Builder b = ImageFacts.builder(digest(name), MediaTypes.OCI_INDEX, daysAgo(days));
        for (String tag : tags) {
            b.tag(tag);
        }
        return b;
    }

    /** A short, readable rendering of a policy's rules, for table assertions. */
    static String summary(LifecyclePolicy policy) {
        return policy.rules().stream().map(Fixtures::summary).collect(Collectors.joining("; "));
    }

    private static String summary(LifecycleRule r) {
        Selection s = r.selection();
        String filter = switch (s.tagFilter()) {
            case TagFilter.None n -> "";
            case TagFilter.Prefixes p -> " prefix" + p.prefixes();
            case TagFilter.Patterns p -> " pattern" + p.patterns();
        };
        return r.rulePriority() + ":" + s.tagStatus().json() + filter + " " + s.countType().json() + " "
                + s.countNumber();
    }
}
