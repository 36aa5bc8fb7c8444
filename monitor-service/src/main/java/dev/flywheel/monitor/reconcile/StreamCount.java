package dev.flywheel.monitor.reconcile;

import java.util.List;

/**
 * What one stream of a pipeline holds, counted by event id.
 *
 * @param records       records read (committed ones only)
 * @param distinctIds   distinct event ids among them
 * @param duplicateIds  ids found on more than one record: 0 is the exactly-once promise
 * @param duplicates    some of those ids, for a reader to look up
 * @param withoutId     records about no event (an HTTP prediction without an event id)
 * @param unreadable    records whose value could not be decoded
 * @param missing       ids of the stream this one follows (accepted events for features, features for
 *                      predictions) with no record here; null when nothing is compared
 * @param missingSample some of those ids
 */
public record StreamCount(long records, long distinctIds, long duplicateIds, List<String> duplicates, long withoutId,
                          long unreadable, Long missing, List<String> missingSample) {
}
