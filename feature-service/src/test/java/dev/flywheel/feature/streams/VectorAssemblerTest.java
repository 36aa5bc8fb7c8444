package dev.flywheel.feature.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.event.FeaturesComputed;
import dev.flywheel.contracts.json.JsonSerde;
import dev.flywheel.feature.store.StoreKind;
import dev.flywheel.feature.store.StoreNames;

/**
 * The assembler alone, fed parts in the orders a real broker produces (which the test driver, processing each
 * record to the end, never does).
 */
class VectorAssemblerTest {

    static final FeaturePlan PLAN = FeaturePlan.of(FeatureTopologyTest.SHOP, Duration.ofDays(1), StoreKind.IN_MEMORY);
    static final Instant DAY_ONE = Instant.parse("2024-06-01T10:00:00Z");

    MockProcessorContext<String, FeaturesComputed> context;
    Processor<String, VectorPart, String, FeaturesComputed> assembler;
    KeyValueStore<String, PendingVector> pending;

    @BeforeEach
    void start() {
        String name = new StoreNames("shop").pendingVectors();
        context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(Instant.parse("2024-07-01T00:00:00Z").toEpochMilli());
        pending = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(),
                new JsonSerde<>(PendingVector.class)).withLoggingDisabled().build();
        pending.init(context.getStateStoreContext(), pending);
        context.addStateStore(pending);
        assembler = VectorAssembler.supplier(PLAN, new StoreNames("shop"), Emissions.NONE).get();
        assembler.init(context);
    }

    @Test
    void partsOfAnEventDaysApartInStreamTimeStillMakeItsVector() {
        // Given e1's own part, then a burst of later events' parts that moves stream time nine days on
        part(local("e1", DAY_ONE));
        for (int day = 1; day <= 9; day++) {
            Instant later = DAY_ONE.plus(Duration.ofDays(day));
            part(local("later-" + day, later));
        }
        assertThat(context.forwarded()).isEmpty();

        // When e1's two entity parts come at last
        part(entity("e1", "customer"));
        part(entity("e1", "terminal"));

        // Then its vector is emitted, and nothing of it is left waiting
        List<FeaturesComputed> vectors = context.forwarded().stream()
                .<FeaturesComputed>map(forwarded -> forwarded.record().value()).toList();
        assertThat(vectors).extracting(FeaturesComputed::sourceEventId).containsExactly("e1");
        assertThat(vectors.get(0).features()).containsEntry("amount", 12.0).containsEntry("customer_count_1d", 1.0);
        assertThat(pending.get("e1")).isNull();
    }

    @Test
    void aVectorWhosePartsStopComingIsDroppedAfterTheGrace() {
        // Given an event whose entity parts never come
        part(local("orphan", DAY_ONE));
        CapturedPunctuator sweep = context.scheduledPunctuators().get(0);
        long started = pending.get("orphan").since();
        assertThat(started).isEqualTo(context.currentSystemTimeMs());

        // When the wall-clock sweep runs within the grace, and after it
        sweep.getPunctuator().punctuate(started + Duration.ofHours(23).toMillis());
        boolean keptWithinGrace = pending.get("orphan") != null;
        sweep.getPunctuator().punctuate(started + Duration.ofHours(25).toMillis());

        // Then it is kept first, dropped then
        assertThat(keptWithinGrace).isTrue();
        assertThat(pending.get("orphan")).isNull();
        assertThat(sweep.getInterval()).isEqualTo(VectorAssembler.SWEEP_EVERY);
    }

    private void part(VectorPart part) {
        long timestamp = part instanceof VectorPart.Local local ? local.eventTime().toEpochMilli() : 0;
        assembler.process(new Record<>(part.eventId(), part, timestamp));
    }

    private static VectorPart.Local local(String eventId, Instant time) {
        return new VectorPart.Local(eventId, time, Map.of("customer", "c1", "terminal", "t1"),
                Map.of("amount", 12.0, "weekend", 1.0, "night", 0.0), Map.of("fee", 0.0), 2);
    }

    private static VectorPart.Entity entity(String eventId, String field) {
        Map<String, Double> features = new LinkedHashMap<>();
        PLAN.groups().stream().filter(group -> group.field().equals(field))
                .flatMap(group -> group.aggregates().stream()).forEach(aggregate -> features.put(aggregate.name(), 1.0));
        return new VectorPart.Entity(eventId, field, features);
    }
}
