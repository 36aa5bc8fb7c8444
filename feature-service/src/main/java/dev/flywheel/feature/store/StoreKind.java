package dev.flywheel.feature.store;

import java.time.Duration;

import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;

/** Where a store keeps its data; either way it has a changelog topic, so a task can be restored elsewhere. */
public enum StoreKind {
    /** RocksDB on local disk: state larger than memory, and a restart resumes from the local copy. The service's. */
    PERSISTENT,
    /**
     * In the heap, rebuilt from the changelog at every start. For tests that pipe thousands of records through a
     * {@code TopologyTestDriver}, which commits after each record and so makes RocksDB flush to disk each time.
     */
    IN_MEMORY;

    public KeyValueBytesStoreSupplier keyValueStore(String name) {
        return this == PERSISTENT ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name);
    }

    /** Every window store here holds points in time, so its windows are one millisecond long. */
    public WindowBytesStoreSupplier windowStore(String name, Duration retention, boolean retainDuplicates) {
        Duration pointInTime = Duration.ofMillis(1);
        return this == PERSISTENT ? Stores.persistentWindowStore(name, retention, pointInTime, retainDuplicates)
                : Stores.inMemoryWindowStore(name, retention, pointInTime, retainDuplicates);
    }
}
