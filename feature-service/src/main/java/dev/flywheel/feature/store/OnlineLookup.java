package dev.flywheel.feature.store;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsNotStartedException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Finds an entity's {@link LatestFeatures} with interactive queries: asks Kafka Streams which instance's task owns
 * the entity's partition of the online store and, when that is this instance, reads the local store partition.
 * Consumes a pipeline, entity field and entity value; produces a {@link Located}: the local answer, the owner to ask
 * instead, or why no one can answer right now.
 *
 * <p>Only the active task is read, never a standby: a standby can lag, and the answer must not move backwards when a
 * second lookup lands elsewhere.
 */
@ApplicationScoped
public class OnlineLookup {

    private static final Serializer<String> KEYS = Serdes.String().serializer();

    /** Where a lookup can be answered. */
    public sealed interface Located {
    }

    /** This instance owns the entity; {@code features} is empty when the entity has no values (never seen). */
    public record Local(Optional<LatestFeatures> features) implements Located {
    }

    /** Another instance owns the entity. */
    public record Remote(HostInfo owner) implements Located {
    }

    /** No instance can answer now (starting, rebalancing, the store moving); worth retrying shortly. */
    public record Unavailable(String reason) implements Located {
    }

    private final KafkaStreams streams;
    private final HostInfo self;

    /**
     * Reads {@code application.server} from the config Kafka Streams was given, not from Quarkus' config: with a
     * random HTTP port (tests) the two can differ, and ownership is decided by what Kafka Streams announces.
     */
    public OnlineLookup(KafkaStreams streams, StreamsConfig config) {
        this.streams = streams;
        String applicationServer = config.getString(StreamsConfig.APPLICATION_SERVER_CONFIG);
        this.self = applicationServer == null || applicationServer.isBlank() ? HostInfo.unavailable()
                : HostInfo.buildFromEndpoint(applicationServer);
    }

    /** This instance's {@code application.server}, as other instances see it. */
    public HostInfo self() {
        return self;
    }

    public Located locate(StoreNames names, String field, String entity) {
        String store = names.online(field);
        KeyQueryMetadata owner;
        try {
            owner = streams.queryMetadataForKey(store, entity, KEYS);
        } catch (StreamsNotStartedException | IllegalStateException notRunning) {
            return new Unavailable("Kafka Streams is " + streams.state() + ": " + notRunning.getMessage());
        }
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            return new Unavailable("no instance owns the partition of " + field + " '" + entity
                    + "' right now (Kafka Streams is " + streams.state() + ")");
        }
        if (!self.equals(owner.activeHost())) {
            return new Remote(owner.activeHost());
        }
        try {
            ReadOnlyKeyValueStore<String, LatestFeatures> partition = streams.store(StoreQueryParameters
                    .fromNameAndType(store, QueryableStoreTypes.<String, LatestFeatures>keyValueStore())
                    .withPartition(owner.partition()));
            return new Local(Optional.ofNullable(partition.get(entity)));
        } catch (InvalidStateStoreException moving) {
            return new Unavailable("partition " + owner.partition() + " of " + store + " is not queryable here yet: "
                    + moving.getMessage());
        }
    }
}
