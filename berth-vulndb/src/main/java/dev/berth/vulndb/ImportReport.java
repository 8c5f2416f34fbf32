package dev.berth.vulndb;

import java.util.Map;

/**
 * What an import did.
 *
 * @param read          documents read from the source
 * @param imported      advisories stored (new or replacing a stored one)
 * @param withdrawn     withdrawn advisories seen (removed if they were stored, never imported)
 * @param skipped       documents not imported because they could not be used
 * @param skipReasons   skipped documents per reason (the reason without the advisory id, so they add up)
 * @param revision      the database revision the import published
 */
public record ImportReport(long read, long imported, long withdrawn, long skipped, Map<String, Long> skipReasons,
                          long revision) {
    public ImportReport {
        skipReasons = Map.copyOf(skipReasons);
    }
}
