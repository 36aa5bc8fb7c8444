package dev.flywheel.feature.streams;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parts of one event's vector received so far.
 *
 * @param local    the event's own part; null until it arrives (it may come after entity parts)
 * @param entities entity parts by entity field
 * @param since    wall-clock milliseconds when the first part arrived
 */
record PendingVector(VectorPart.Local local, Map<String, VectorPart.Entity> entities, long since) {

    static PendingVector startingAt(long since) {
        return new PendingVector(null, Map.of(), since);
    }

    PendingVector with(VectorPart part) {
        if (part instanceof VectorPart.Local own) {
            return new PendingVector(own, entities, since);
        }
        VectorPart.Entity entity = (VectorPart.Entity) part;
        Map<String, VectorPart.Entity> more = new LinkedHashMap<>(entities);
        more.put(entity.field(), entity);
        return new PendingVector(local, more, since);
    }

    boolean complete() {
        return local != null && entities.size() >= local.entityParts();
    }
}
