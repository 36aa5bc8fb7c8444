package dev.flywheel.feature.store;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import dev.flywheel.contracts.json.JsonSerde;

/**
 * The online store of one entity field: per entity value (the key the entity's events are partitioned by), its
 * {@link LatestFeatures}. Written by the entity's aggregator task, read over HTTP with interactive queries.
 *
 * <p>A key-value store, so one entry per entity however busy it is; entries are never expired (an entity keeps its
 * last values until it is seen again), so the store grows with the number of distinct entities.
 */
public final class OnlineStore {

    private final KeyValueStore<String, LatestFeatures> store;

    public OnlineStore(KeyValueStore<String, LatestFeatures> store) {
        this.store = store;
    }

    /**
     * With a changelog, so it moves with its task. Cached: a busy entity's successive values within one commit
     * interval reach the changelog once, and interactive queries read through the cache, so they see every write.
     */
    public static StoreBuilder<KeyValueStore<String, LatestFeatures>> builder(String name, StoreKind kind) {
        return Stores.keyValueStoreBuilder(kind.keyValueStore(name), Serdes.String(),
                        new JsonSerde<>(LatestFeatures.class))
                .withCachingEnabled();
    }

    /**
     * Keeps {@code latest} for {@code entity} unless the store holds values as of a later event time: an event that
     * arrives late (out of order in event time) never replaces the values of a newer one.
     *
     * @return whether it was kept
     */
    public boolean offer(String entity, LatestFeatures latest) {
        if (!latest.supersedes(store.get(entity))) {
            return false;
        }
        store.put(entity, latest);
        return true;
    }
}
