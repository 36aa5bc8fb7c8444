package dev.flywheel.feature.store;

import java.time.Duration;
import java.util.Optional;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * State kept per event id for a bounded time: the entry of an event lives at one timestamp (when it was first
 * seen) and is dropped with its segment once stream time has passed it by the retention. A window store gives
 * that expiry for free, where a key-value store would need a purge of its own.
 *
 * <p>A lookup rarely knows the entry's timestamp exactly (the entry of an event may have been made by its label,
 * which came first), so {@link #find} takes the range it can be in; a narrow range keeps lookups cheap.
 */
public final class PerEventStore<V> {

    /** A value with the timestamp it is stored at; updates must reuse that timestamp. */
    public record Stamped<V>(V value, long timestamp) {
    }

    private final WindowStore<String, V> store;

    public PerEventStore(WindowStore<String, V> store) {
        this.store = store;
    }

    /**
     * A store with a changelog, so state survives a restart and moves with its task. Caching is off: every entry
     * is read back a few times at most, and the processors forward on each update, not on cache flushes.
     */
    public static <V> StoreBuilder<WindowStore<String, V>> builder(String name, Duration retention, Serde<V> values,
                                                                   StoreKind kind) {
        return Stores.windowStoreBuilder(
                        kind.windowStore(name, retention, false),
                        Serdes.String(), values)
                .withCachingDisabled();
    }

    /** The entry of {@code eventId} stamped within {@code range}; the latest one should there be several. */
    public Optional<Stamped<V>> find(String eventId, TimeRange range) {
        Stamped<V> latest = null;
        try (WindowStoreIterator<V> entries = store.fetch(eventId, Math.max(0L, range.from()), range.to())) {
            while (entries.hasNext()) {
                var entry = entries.next();
                latest = new Stamped<>(entry.value, entry.key);
            }
        }
        return Optional.ofNullable(latest);
    }

    /** Files {@code value} at {@code timestamp}, or now if that is later ({@link NotInTheFuture}). */
    public void put(String eventId, V value, long timestamp) {
        store.put(eventId, value, NotInTheFuture.cap(timestamp));
    }
}
