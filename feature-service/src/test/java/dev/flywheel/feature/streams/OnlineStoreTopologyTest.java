package dev.flywheel.feature.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.flywheel.feature.store.LatestFeatures;
import dev.flywheel.feature.store.StoreNames;

/** The online stores the topology keeps per entity field, in a {@code TopologyTestDriver}. */
class OnlineStoreTopologyTest {

    static final Instant T0 = FeatureTopologyTest.T0;

    FeatureDriver driver;
    KeyValueStore<String, LatestFeatures> customers;
    KeyValueStore<String, LatestFeatures> terminals;

    @BeforeEach
    void start() {
        driver = new FeatureDriver(FeatureTopologyTest.SHOP);
        StoreNames names = new StoreNames(FeatureTopologyTest.SHOP.name());
        customers = driver.keyValueStore(names.online("customer"));
        terminals = driver.keyValueStore(names.online("terminal"));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void eachEntityHoldsTheAggregatesOfItsMostRecentEvent() {
        // Given three payments of customer c1, the last two at terminal t1, and one of customer c2
        driver.event("e1", T0, Map.of("customer", "c1", "terminal", "t0", "amount", 10.0));
        driver.event("e2", T0.plus(Duration.ofHours(1)), Map.of("customer", "c1", "terminal", "t1", "amount", 30.0));
        driver.event("e3", T0.plus(Duration.ofHours(2)), Map.of("customer", "c1", "terminal", "t1", "amount", 20.0));
        driver.event("e4", T0.plus(Duration.ofHours(2)), Map.of("customer", "c2", "amount", 5.0));

        // When the online stores are read
        LatestFeatures c1 = customers.get("c1");
        LatestFeatures t1 = terminals.get("t1");

        // Then c1 holds exactly the customer aggregates of its vector for e3, as of e3, in spec order
        Map<String, Double> vector = driver.vectors().get("e3").features();
        assertThat(c1.eventId()).isEqualTo("e3");
        assertThat(c1.eventTime()).isEqualTo(T0.plus(Duration.ofHours(2)).toEpochMilli());
        assertThat(c1.features()).containsOnlyKeys("customer_count_1d", "customer_sum_1d", "customer_avg_1d",
                "customer_min_1d", "customer_max_1d", "customer_stddev_1d", "customer_last_online_1d",
                "customer_since_last_1d", "customer_channels_1d");
        c1.features().forEach((name, value) -> assertThat(value).as(name).isEqualTo(vector.get(name)));
        assertThat(c1.features()).containsEntry("customer_count_1d", 3.0).containsEntry("customer_sum_1d", 60.0);
        assertThat(c1.features().keySet()).startsWith("customer_count_1d", "customer_sum_1d");

        // And each terminal holds its own aggregates, c2 its own, and an entity never seen nothing
        assertThat(t1.eventId()).isEqualTo("e3");
        assertThat(t1.features()).containsOnlyKeys("terminal_count_1h_after_1h", "terminal_since_last_1h_after_1h",
                "terminal_risk_1d", "terminal_frauds_1d");
        assertThat(terminals.get("t0").eventId()).isEqualTo("e1");
        assertThat(customers.get("c2").features()).containsEntry("customer_count_1d", 1.0);
        assertThat(customers.get("c3")).isNull();
        assertThat(terminals.get("no-terminal")).isNull();
    }

    @Test
    void aLateOlderEventDoesNotReplaceTheValuesOfANewerOne() {
        // Given two payments of c1, the later one in event time last
        driver.event("e1", T0, Map.of("customer", "c1", "amount", 10.0));
        driver.event("e2", T0.plus(Duration.ofHours(3)), Map.of("customer", "c1", "amount", 30.0));

        // When a payment from between the two arrives afterwards
        driver.event("late", T0.plus(Duration.ofHours(1)), Map.of("customer", "c1", "amount", 50.0));

        // Then it got its own vector, but the store still holds the values as of e2
        assertThat(driver.vectors().get("late").features()).containsEntry("customer_count_1d", 2.0);
        LatestFeatures c1 = customers.get("c1");
        assertThat(c1.eventId()).isEqualTo("e2");
        assertThat(c1.features()).containsEntry("customer_count_1d", 2.0).containsEntry("customer_sum_1d", 40.0);

        // And the next newer event replaces them, counting the late one too
        driver.event("e3", T0.plus(Duration.ofHours(4)), Map.of("customer", "c1", "amount", 10.0));
        assertThat(customers.get("c1").eventId()).isEqualTo("e3");
        assertThat(customers.get("c1").features()).containsEntry("customer_count_1d", 4.0);
    }

    @Test
    void anEventAtTheSameMillisecondReplacesTheValuesSinceItsWindowHoldsTheEarlierOne() {
        // Given a payment of c1
        driver.event("e1", T0, Map.of("customer", "c1", "amount", 10.0));

        // When another one arrives with the same event time
        driver.event("e2", T0, Map.of("customer", "c1", "amount", 20.0));

        // Then the store holds the later arrival's values, which count both
        assertThat(customers.get("c1").eventId()).isEqualTo("e2");
        assertThat(customers.get("c1").features()).containsEntry("customer_count_1d", 2.0);
    }
}
