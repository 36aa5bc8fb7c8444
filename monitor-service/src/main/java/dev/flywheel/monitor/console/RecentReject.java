package dev.flywheel.monitor.console;

import java.time.Instant;
import java.util.List;

import dev.flywheel.contracts.spec.FieldViolation;

/**
 * One record of a pipeline's rejected topic as the console's Pipelines view lists it.
 *
 * @param rejectedAt when ingest refused it
 * @param kind       what it was meant to be: {@code event} or {@code label}
 * @param source     how it arrived: {@code http}, {@code kafka}, {@code file}, a pull source's name...
 * @param partition  where it is on the rejected topic, with {@code offset}, so it can be found again
 * @param raw        the record as received, cut to {@value RecentRejects#RAW_CHARS} characters
 * @param violations every field that failed, with its rule, reason and offending value
 */
public record RecentReject(Instant rejectedAt, String kind, String source, int partition, long offset, String raw,
                           List<FieldViolation> violations) {
}
