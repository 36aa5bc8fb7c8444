package dev.flywheel.monitor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.ModelPromoted;
import dev.flywheel.contracts.event.ModelRegistered;
import dev.flywheel.contracts.event.OutcomeObserved;
import dev.flywheel.contracts.event.PredictionMade;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.monitor.business.ValueLedger;
import dev.flywheel.runtime.TopicPublisher;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The demo spec's business section live, over the real broker: a served version's outcomes are valued by the cost
 * matrix (realised value per day beside its training run's expectation, on /health and Prometheus), its goals are
 * met while it catches frauds, and when a new pattern makes it raise false alarms and miss frauds, the value and
 * average-precision goals slip and its realised ROI turns negative: the webhook hears both. A challenger registered
 * beside it shows its expected value.
 *
 * <p>Outcomes are published straight to the outcomes topic (the join that carries the amount into them is
 * OutcomeTopologyTest's), so this test's event times never move the join's stream time under the other tests.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = WebhookReceiverResource.class, restrictToAnnotatedClass = false)
class BusinessValueAndGoalsTest {

    private static final String P = "card-fraud";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final double REVIEW = 10 / 60.0 * 40;
    private static final double AMOUNT = 10;
    private static final double RUNNING = 2.0;

    @Inject
    TopicPublisher publisher;

    @Inject
    ValueLedger ledger;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String version = "biz-" + run;
    private final Instant start = Instant.parse("2018-04-01T00:00:00Z");
    private int sent;

    @Test
    void aVersionThatStopsPayingSlipsItsGoalsAndIsFlagged() {
        // Given a version registered with its training run's value figures, promoted, serving in 3 ms
        publish(Topics.models(), new ModelRegistered("reg-" + run, 1, P, version, "mlp", "file:///m/" + run, Map.of(
                "average_precision", 0.7, "expected_value_per_day", -1500.0, "net_value_vs_nothing_per_day", 12000.0,
                "baseline_value_per_day", -9000.0, "running_cost_per_day", RUNNING), List.of(), "manual",
                Instant.now()));
        publish(Topics.models(), new ModelPromoted("pro-" + run, 1, P, version, null, "file:///m/" + run, "test",
                Instant.now()));
        await().atMost(TIMEOUT).until(() -> version.equals(health().getString("servedVersion")));
        List<CompletionStage<?>> latencies = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            // no event id: the join ignores them, the latency goal reads them
            latencies.add(publisher.publish(Topics.predictions(P), run + "-lat" + i, new PredictionMade(run + "-q" + i,
                    1, P, null, version, 0.1, false, Map.of("tx_amount", 10.0), start, start, 3_000)));
        }
        join(latencies);

        // When it catches every fraud: 504 outcomes a minute apart, every 6th a caught 10.00 fraud (score 0.9)
        outcomes(504, i -> i % 6 == 0, i -> i % 6 == 0, 0.9);

        // Then its value (JsonPath reads floats: compared to within 0.5): decisions 84 * -6.6667 = -560, nothing
        //      84 * -10 = -840, over 503 minutes; net per day (-560 + 840) / (503 / 1440) - 2.00 running = 799.6:
        //      the value goal (>= 0) is met, as is average precision (1.0) and p99 latency (3 ms <= 50)
        double days = 503 / 1440.0;
        JsonPath good = awaitHealth(h -> h.getInt("business.served.outcomes") == 504);
        assertThat(good.getDouble("business.served.realisedPerDay")).isCloseTo(-84 * REVIEW / days, within(0.5));
        assertThat(good.getDouble("business.served.nothingPerDay")).isCloseTo(-84 * AMOUNT / days, within(0.5));
        assertThat(good.getDouble("business.served.netPerDay")).isCloseTo((84 * AMOUNT - 84 * REVIEW) / days - RUNNING,
                within(0.5)).isCloseTo(799.6, within(0.5));
        assertThat(good.getDouble("business.served.expectedPerDay")).isEqualTo(-1500.0);
        assertThat(good.getDouble("business.served.ruleExpectedPerDay")).isEqualTo(-9000.0);
        assertThat(good.getBoolean("business.served.judged")).isTrue();
        assertThat(good.getBoolean("business.served.roiNegative")).isFalse();
        assertThat(goal(good, "value_per_day").get("status")).isEqualTo("met");
        assertThat(goal(good, "average_precision").get("status")).isEqualTo("met");
        assertThat(goal(good, "serving_p99_latency_ms").get("status")).isEqualTo("met");
        assertThat(((Number) goal(good, "serving_p99_latency_ms").get("observed")).doubleValue()).isEqualTo(3.0);
        // and the tracker has judged them met (what a slip is measured from)
        await().atMost(TIMEOUT).until(() -> metrics().contains("flywheel_monitor_goal_status{by=\"2026-12-31\","
                + "metric=\"value_per_day\",pipeline=\"" + P + "\"} 1.0"));

        // When a new pattern starts: 300 more outcomes, every 5th a missed fraud (score 0.2), the rest false alarms
        // scored above the frauds it used to catch (0.95)
        outcomes(300, i -> i % 5 == 0, i -> i % 5 != 0, 0.95);

        // Then the value goal and the average-precision goal slip, and the webhook hears it
        JsonNode valueSlip = awaitWebhook("GOAL", "value_per_day");
        assertThat(valueSlip.path("previousStatus").asText()).isEqualTo("met");
        assertThat(valueSlip.path("goalStatus").asText()).isIn("at_risk", "missed");
        assertThat(valueSlip.path("observed").asDouble()).isNegative();
        assertThat(awaitWebhook("GOAL", "average_precision").path("observed").asDouble()).isLessThan(0.65);
        // and its realised ROI is negative: flagged on the webhook, /health and Prometheus
        //   decisions: -560 + 240 false alarms * -6.6667 + 60 missed * -10 = -2,760; nothing: -840 - 600 = -1,440;
        //   over 803 minutes: net (-2,760 + 1,440) / (803 / 1440) - 2 = -2,369.1 per day
        JsonNode roi = awaitWebhook("ROI_NEGATIVE", "net_value_per_day");
        assertThat(roi.path("observed").asDouble()).isNegative();
        JsonPath bad = awaitHealth(h -> h.getInt("business.served.outcomes") == 804);
        double badDays = 803 / 1440.0;
        assertThat(bad.getDouble("business.served.realisedPerDay")).isCloseTo(-2_760 / badDays, within(0.5));
        assertThat(bad.getDouble("business.served.netPerDay")).isCloseTo(-1_320 / badDays - RUNNING, within(0.5))
                .isCloseTo(-2_369.1, within(0.5));
        assertThat(bad.getBoolean("business.served.roiNegative")).isTrue();
        assertThat(metrics()).contains("flywheel_monitor_roi_negative{model_version=\"" + version + "\",pipeline=\""
                + P + "\"} 1.0");

        // When a retrained challenger is registered but not promoted
        String challenger = version + "-next";
        publish(Topics.models(), new ModelRegistered("reg-" + challenger, 1, P, challenger, "mlp", "file:///m/" + run,
                Map.of("expected_value_per_day", -700.0, "net_value_vs_nothing_per_day", 900.0,
                        "baseline_value_per_day", -1200.0), List.of(), "drift", Instant.now()));

        // Then the health page shows its expected value beside the served version's realised one
        JsonPath both = awaitHealth(h -> challenger.equals(h.getString("business.challenger.modelVersion")));
        assertThat(both.getDouble("business.challenger.expectedPerDay")).isEqualTo(-700.0);
        assertThat(both.getDouble("business.challenger.expectedNetPerDay")).isEqualTo(900.0);
        assertThat(both.getDouble("business.challenger.ruleExpectedPerDay")).isEqualTo(-1200.0);
        assertThat(both.getString("business.served.modelVersion")).isEqualTo(version);
    }

    @Test
    void theChampionTheShadowChallengerAndTheRuleAreValuedSideBySide() {
        // Given a champion and a challenger scored in shadow beside it, both registered with their run's figures
        String challenger = version + "-shadow";
        publish(Topics.models(), new ModelRegistered("reg-" + run, 1, P, version, "mlp", "file:///m/" + run, Map.of(
                "expected_value_per_day", -1500.0, "net_value_vs_nothing_per_day", 12000.0, "baseline_value_per_day",
                -9000.0, "nothing_value_per_day", -20000.0, "running_cost_per_day", RUNNING), List.of(), "manual",
                Instant.now()));
        publish(Topics.models(), new ModelPromoted("pro-" + run, 1, P, version, null, "file:///m/" + run, "test",
                Instant.now()));
        publish(Topics.models(), new ModelRegistered("reg-" + challenger, 1, P, challenger, "mlp", "file:///m/" + run,
                Map.of("expected_value_per_day", -700.0, "net_value_vs_nothing_per_day", 900.0, "running_cost_per_day",
                        4.0), List.of(), "drift", Instant.now()));
        await().atMost(TIMEOUT).until(() -> version.equals(health().getString("servedVersion")));

        // When 600 events a minute apart are predicted and labelled: every 6th a 300.00 fraud the champion flags and
        //      the challenger does not; every 6th from the 4th a 250.00 genuine payment nobody flags but the rule
        //      "tx_amount > 220"; the rest 10.00 genuine payments. (Predictions of 2018 are older than the join's
        //      stream time here, so they join nothing; the outcomes are published like the other test's.)
        List<CompletionStage<?>> futures = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            boolean fraud = i % 6 == 0;
            double amount = fraud ? 300 : i % 6 == 3 ? 250 : AMOUNT;
            String eventId = run + "-s" + i;
            Instant time = start.plusSeconds(60L * i);
            futures.add(publisher.publish(Topics.predictions(P), eventId, new PredictionMade(run + "-sp" + i, 1, P,
                    eventId, version, fraud ? 0.9 : 0.1, fraud, Map.of("tx_amount", amount), time, time, 3_000, false)));
            futures.add(publisher.publish(Topics.predictions(P), eventId, new PredictionMade(run + "-ss" + i, 1, P,
                    eventId, challenger, 0.2, false, Map.of("tx_amount", amount), time, time, 3_000, true)));
        }
        join(futures);
        futures.clear();
        // (labels come days after predictions in life; here the feed must have read every shadow prediction before
        // the outcomes, which sit on other partitions and could otherwise be read first)
        await().atMost(TIMEOUT).until(() -> IntStream.range(0, 600)
                .allMatch(i -> ledger.knowsChallengerOn(P, run + "-s" + i)));
        for (int i = 0; i < 600; i++) {
            boolean fraud = i % 6 == 0;
            double amount = fraud ? 300 : i % 6 == 3 ? 250 : AMOUNT;
            String eventId = run + "-s" + i;
            Instant time = start.plusSeconds(60L * i);
            futures.add(publisher.publish(Topics.outcomes(P), eventId, new OutcomeObserved(run + "-so" + i, 1, P,
                    run + "-sp" + i, eventId, version, fraud ? 0.9 : 0.1, fraud, fraud ? 1 : 0, time, time,
                    time.plus(Duration.ofDays(7)), amount)));
        }
        join(futures);

        // Then over 599 minutes: the champion catches the 100 frauds (100 reviews, -666.67), the challenger misses
        //      them (-30,000, as doing nothing), the rule catches them and raises 100 false alarms (200 reviews)
        double days = 599 / 1440.0;
        JsonPath health = awaitHealth(h -> h.getInt("business.served.outcomes") == 600
                && h.getInt("business.valuePerDay.find { it.role == 'challenger' }.outcomes") == 600);
        Map<String, Object> champion = role(health, "champion");
        Map<String, Object> shadow = role(health, "challenger");
        Map<String, Object> rule = role(health, "rule");
        assertThat(number(champion, "realisedPerDay")).isCloseTo(-100 * REVIEW / days, within(0.5));
        assertThat(number(champion, "realisedNetPerDay")).isCloseTo((30_000 - 100 * REVIEW) / days - RUNNING,
                within(0.5));
        assertThat(number(champion, "expectedPerDay")).isEqualTo(-1500.0);
        assertThat(number(champion, "expectedRoi")).isEqualTo(6000.0);
        assertThat(number(champion, "realisedRoi")).isCloseTo(((30_000 - 100 * REVIEW) / days - RUNNING) / RUNNING,
                within(0.5));
        assertThat(shadow.get("modelVersion")).isEqualTo(challenger);
        assertThat(number(shadow, "realisedPerDay")).isCloseTo(-30_000 / days, within(0.5));
        assertThat(number(shadow, "realisedNetPerDay")).isCloseTo(-4.0, within(1e-3));
        assertThat(number(shadow, "expectedPerDay")).isEqualTo(-700.0);
        assertThat(number(rule, "realisedPerDay")).isCloseTo(-200 * REVIEW / days, within(0.5));
        assertThat(number(rule, "realisedNetPerDay")).isCloseTo((30_000 - 200 * REVIEW) / days, within(0.5));
        assertThat(number(rule, "expectedPerDay")).isEqualTo(-9000.0);
        assertThat(number(rule, "expectedNetPerDay")).isEqualTo(11000.0);
        assertThat(rule.get("realisedRoi")).as("the rule costs nothing to run").isNull();
        assertThat(metrics()).contains("flywheel_monitor_value_per_day{kind=\"shadow_realised\",model_version=\""
                + challenger + "\",pipeline=\"" + P + "\"}");
    }

    private static Map<String, Object> role(JsonPath health, String role) {
        return health.getMap("business.valuePerDay.find { it.role == '" + role + "' }");
    }

    private static double number(Map<String, Object> values, String key) {
        return ((Number) values.get(key)).doubleValue();
    }

    /** @param alarmScore the score of a flagged genuine transaction */
    private void outcomes(int count, java.util.function.IntPredicate fraud, java.util.function.IntPredicate flagged,
                          double alarmScore) {
        List<CompletionStage<?>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean positive = fraud.test(i);
            boolean flag = flagged.test(i);
            double score = positive ? (flag ? 0.9 : 0.2) : (flag ? alarmScore : 0.1);
            String eventId = run + "-e" + sent;
            Instant eventTime = start.plusSeconds(60L * sent);
            futures.add(publisher.publish(Topics.outcomes(P), eventId, new OutcomeObserved(run + "-o" + sent, 1, P,
                    run + "-p" + sent, eventId, version, score, flag, positive ? 1 : 0, eventTime, eventTime,
                    eventTime.plus(Duration.ofDays(7)), AMOUNT)));
            sent++;
        }
        join(futures);
    }

    private static void join(List<CompletionStage<?>> futures) {
        CompletableFuture.allOf(futures.stream().map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture[]::new)).join();
    }

    private <V> void publish(dev.flywheel.contracts.Topic<String, V> topic, V value) {
        publisher.publish(topic, P, value).toCompletableFuture().join();
    }

    private static JsonPath health() {
        return given().get("/v1/pipelines/{p}/health", P).then().statusCode(200).extract().jsonPath();
    }

    private JsonPath awaitHealth(java.util.function.Predicate<JsonPath> until) {
        java.util.concurrent.atomic.AtomicReference<JsonPath> last = new java.util.concurrent.atomic.AtomicReference<>();
        await().atMost(TIMEOUT).until(() -> {
            JsonPath health = health();
            last.set(health);
            return version.equals(health.getString("business.served.modelVersion")) && until.test(health);
        });
        return last.get();
    }

    private static Map<String, Object> goal(JsonPath health, String metric) {
        return health.getMap("business.goals.find { it.metric == '" + metric + "' }");
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private JsonNode awaitWebhook(String kind, String metric) {
        await().atMost(TIMEOUT).until(() -> received(kind, metric).isPresent());
        return received(kind, metric).orElseThrow();
    }

    private Optional<JsonNode> received(String kind, String metric) {
        return WebhookReceiverResource.RECEIVED.stream().filter(body -> version.equals(body.path("modelVersion").asText())
                && kind.equals(body.path("kind").asText()) && metric.equals(body.path("metric").asText())).findFirst();
    }
}
