package dev.flywheel.feature.streams;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Ids of the events this service emits, derived from the source event so that a vector or example computed
 * again (after a failover, or a replay) keeps its id and consumers can drop the duplicate.
 */
final class DerivedIds {

    private DerivedIds() {
    }

    static String features(String pipeline, String sourceEventId) {
        return nameBased(pipeline, "features", sourceEventId);
    }

    static String example(String pipeline, String sourceEventId) {
        return nameBased(pipeline, "example", sourceEventId);
    }

    private static String nameBased(String pipeline, String kind, String sourceEventId) {
        return UUID.nameUUIDFromBytes((pipeline + '|' + kind + '|' + sourceEventId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
