package dev.flywheel.feature.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The recent records of each entity (a customer, a terminal), indexed by event time: what the entity's
 * aggregates are computed from. Records older than the retention (the longest window plus delay, plus grace) are
 * dropped by segment as stream time advances, so the log stays bounded however busy an entity is, and a window
 * query reads only the records in its time range rather than the entity's whole history.
 *
 * <p>Backed by a window store that keeps duplicates, so several records of one entity at the same millisecond
 * all stay, in the order they were appended.
 */
public final class EntityLog<V> {

    private final WindowStore<String, V> store;

    public EntityLog(WindowStore<String, V> store) {
        this.store = store;
    }

    /** With a changelog; no cache, since records are appended and never overwritten. */
    public static <V> StoreBuilder<WindowStore<String, V>> builder(String name, Duration retention, Serde<V> values,
                                                                   StoreKind kind) {
        return Stores.windowStoreBuilder(
                        kind.windowStore(name, retention, true),
                        Serdes.String(), values)
                .withCachingDisabled();
    }

    /** Files {@code record} at {@code time}, or now if that is later ({@link NotInTheFuture}). */
    public void append(String entity, V record, long time) {
        store.put(entity, record, NotInTheFuture.cap(time));
    }

    /** The entity's records with time in {@code [from, to]} (milliseconds, both included), oldest first. */
    public List<V> between(String entity, long from, long to) {
        List<V> records = new ArrayList<>();
        try (WindowStoreIterator<V> entries = store.fetch(entity, Math.max(0L, from), to)) {
            entries.forEachRemaining(entry -> records.add(entry.value));
        }
        return records;
    }
}
