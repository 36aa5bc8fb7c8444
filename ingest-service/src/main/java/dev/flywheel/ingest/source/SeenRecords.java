package dev.flywheel.ingest.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.json.Json;

/**
 * The position of a source that has no order to resume from (a web page, an API without a cursor): the ids of the
 * records emitted most recently, oldest first, at most {@code limit}. A re-read emits only records whose id is not
 * among them. The bound keeps the position small; a record that drops out of it and is still shown by the source
 * would be emitted again, so the limit should exceed what the source shows at once (consumers drop duplicates by
 * event id anyway).
 *
 * <p>Position text: {@code {"seen": ["id-1", "id-2", ...]}}.
 */
public final class SeenRecords {

    private final RecordIdentity identity;
    private final int limit;

    public SeenRecords(RecordIdentity identity, int limit) {
        this.identity = identity;
        this.limit = limit;
    }

    /** The records of {@code read} not emitted before, and the position that remembers them too. */
    public Fresh fresh(List<ObjectNode> read, Optional<String> position) {
        LinkedHashSet<String> seen = new LinkedHashSet<>(parse(position).seen());
        List<ObjectNode> fresh = new ArrayList<>();
        LinkedHashSet<String> added = new LinkedHashSet<>();
        for (ObjectNode record : read) {
            String id = identity.of(record);
            if (!seen.contains(id) && added.add(id)) {
                fresh.add(record);
            }
        }
        if (fresh.isEmpty()) {
            return new Fresh(List.of(), Optional.empty());
        }
        seen.addAll(added);
        List<String> kept = new ArrayList<>(seen);
        kept = kept.subList(Math.max(0, kept.size() - limit), kept.size());
        return new Fresh(fresh, Optional.of(write(new Position(kept))));
    }

    /** Records not seen before, and the new position (empty when nothing changed). */
    public record Fresh(List<ObjectNode> records, Optional<String> position) {
    }

    record Position(List<String> seen) {
        Position {
            seen = seen == null ? List.of() : List.copyOf(seen);
        }
    }

    private static Position parse(Optional<String> position) {
        if (position.isEmpty()) {
            return new Position(List.of());
        }
        try {
            return Json.mapper().readValue(position.get(), Position.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a seen-records position: " + position.get(), e);
        }
    }

    private static String write(Position position) {
        try {
            return Json.mapper().writeValueAsString(position);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
