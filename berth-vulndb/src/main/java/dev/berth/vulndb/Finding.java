package dev.berth.vulndb;

import dev.berth.scan.Package;
import java.util.List;
import java.util.Optional;

/**
 * One vulnerability affecting one package of an image.
 *
 * @param id           the id findings are reported under: the CVE id when the advisory has one, else its own id
 * @param advisoryIds  every id the advisory is known by (OSV id and aliases), for allow-lists
 * @param description  the advisory's summary or details
 * @param uri          a page about it (the first reference, else the OSV page)
 * @param severity     ECR's severity name
 * @param cvssScore    the base score the severity came from, when it came from a CVSS vector
 * @param cvssVector   that vector
 * @param pkg          the affected package
 * @param fixedVersion the first version that fixes it in the package's ecosystem, when one is known
 */
public record Finding(String id, List<String> advisoryIds, String description, String uri, Severity severity,
                      Optional<Double> cvssScore, Optional<String> cvssVector, Package pkg,
                      Optional<String> fixedVersion) {
    public Finding {
        advisoryIds = List.copyOf(advisoryIds);
    }
}
