package dev.flywheel.monitor.reconcile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts the records of one stream of a pipeline by the event id each one is about. Consumes ids (null for a
 * record about no event, e.g. an HTTP prediction sent without one) and produces the totals of a
 * {@link StreamCount}: records, distinct ids, ids seen more than once, and which ids of another stream it lacks.
 */
final class IdTally {

    private final Map<String, Integer> perId = new HashMap<>();
    private long records;
    private long withoutId;
    private long unreadable;

    void add(String eventId) {
        records++;
        if (eventId == null) {
            withoutId++;
        } else {
            perId.merge(eventId, 1, Integer::sum);
        }
    }

    /** A record whose value could not be read: counted, so a total never hides it. */
    void unreadable() {
        records++;
        unreadable++;
    }

    int count(String eventId) {
        return perId.getOrDefault(eventId, 0);
    }

    Set<String> ids() {
        return perId.keySet();
    }

    long records() {
        return records;
    }

    /**
     * @param expected the ids this stream should hold each of (null: no comparison)
     * @param sample   how many offending ids to list
     */
    StreamCount summary(Set<String> expected, int sample) {
        List<String> duplicated = new ArrayList<>();
        long duplicates = 0;
        for (Map.Entry<String, Integer> entry : perId.entrySet()) {
            if (entry.getValue() > 1) {
                duplicates++;
                if (duplicated.size() < sample) {
                    duplicated.add(entry.getKey());
                }
            }
        }
        Long missing = null;
        List<String> missingSample = List.of();
        if (expected != null) {
            List<String> lacking = new ArrayList<>();
            long count = 0;
            for (String id : expected) {
                if (!perId.containsKey(id)) {
                    count++;
                    if (lacking.size() < sample) {
                        lacking.add(id);
                    }
                }
            }
            missing = count;
            missingSample = lacking;
        }
        return new StreamCount(records, perId.size(), duplicates, List.copyOf(duplicated), withoutId, unreadable,
                missing, missingSample);
    }
}
