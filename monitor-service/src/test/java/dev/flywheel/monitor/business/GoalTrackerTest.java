package dev.flywheel.monitor.business;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import dev.flywheel.contracts.event.ModelPromoted;
import dev.flywheel.contracts.event.OutcomeObserved;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.monitor.DemoSpec;
import dev.flywheel.monitor.alert.WebhookNotifier;
import dev.flywheel.monitor.config.MonitorConfig;
import dev.flywheel.monitor.drift.ServedModels;
import dev.flywheel.monitor.health.LabelTracker;
import dev.flywheel.monitor.metrics.QualityBook;
import dev.flywheel.monitor.metrics.QualityMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The demo spec's average-precision floor ({@code >= 0.15 by 2026-12-15}) judged on 2026-11-28 like live accuracy
 * (over the latest outcomes holding the spec's 80 positives, at least 1,000 here), and its slips posted to a real
 * webhook receiver on loopback (the JDK's HTTP server).
 */
class GoalTrackerTest {

    private static final PipelineSpec SPEC = DemoSpec.cardFraud();
    private static final String P = SPEC.name();
    private static final String FLOOR = "2026-12-15";
    private static final Instant T0 = Instant.parse("2018-05-01T00:00:00Z");
    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-28T02:00:00Z"), ZoneOffset.UTC);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ServedModels served = new ServedModels();
    private final QualityBook quality = new QualityBook(Map.of(P, QualityMetrics.of(SPEC)), 20_000, 5, registry);
    private final ValueLedger ledger = new ValueLedger(List.of(SPEC), served, 20_000, 5, registry);
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    private GoalTracker tracker;
    private int sent;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(Json.mapper().readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        WebhookNotifier notifier = new WebhookNotifier(new Hooks(Optional.of(List.of("http://127.0.0.1:"
                + receiver.getAddress().getPort() + "/hook"))), registry, TODAY);
        tracker = new GoalTracker(List.of(SPEC), served, quality, new LabelTracker(), ledger, notifier, Duration.ZERO,
                100, 1_000, registry, TODAY);
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    @Test
    void aQualityGoalIsJudgedOnTheLatestOutcomesSoANewPatternSlipsItAtOnce() {
        // Given version 1 ranking every fraud first: 1,000 outcomes, every 10th a fraud scored 0.9, the rest 0.1
        promote("1");
        outcomes("1", 1_000, 10, 0.9);
        tracker.tick();
        assertThat(floor().status()).isEqualTo(GoalStatus.MET);
        assertThat(floor().observed()).isEqualTo(1.0);

        // When a new pattern starts: 2,000 more, every 20th a fraud it scores 0.05, below every genuine payment
        outcomes("1", 2_000, 20, 0.05);
        tracker.tick();

        // Then the floor is judged over the latest outcomes holding 80 frauds (1,600, all of the new pattern), where
        //      average precision is that of frauds ranked last (~0.05): at risk, and the webhook hears the slip. Over
        //      all 3,000 held outcomes the 100 frauds still ranked first would keep it above 0.5, i.e. "met".
        GoalReport floor = floor();
        assertThat(floor.status()).isEqualTo(GoalStatus.AT_RISK);
        assertThat(floor.observed()).isLessThan(0.15);
        assertThat(floor.note()).isEqualTo("over the latest 1600 outcomes");
        JsonNode slip = awaitGoalWebhook();
        assertThat(slip.path("previousStatus").asText()).isEqualTo("met");
        assertThat(slip.path("goalStatus").asText()).isEqualTo("at_risk");
        assertThat(slip.path("modelVersion").asText()).isEqualTo("1");
        assertThat(registry.get("flywheel.monitor.goal.status").tag("metric", "average_precision").tag("by", FLOOR)
                .gauge().value()).isZero();
    }

    @Test
    void aGoalMetByOneVersionAndAtRiskOnTheNextIsASlip() {
        // Given version 1 meeting the floor
        promote("1");
        outcomes("1", 1_000, 10, 0.9);
        tracker.tick();
        assertThat(floor().status()).isEqualTo(GoalStatus.MET);

        // When version 2 is promoted: unknown until it has outcomes, then ranks its 100 frauds last
        promote("2");
        tracker.tick();
        assertThat(floor().status()).isEqualTo(GoalStatus.UNKNOWN);
        assertThat(received).isEmpty();
        outcomes("2", 1_000, 10, 0.05);
        tracker.tick();

        // Then the goal slipped from met (version 1) to at risk (version 2): the webhook hears it
        assertThat(floor().status()).isEqualTo(GoalStatus.AT_RISK);
        JsonNode slip = awaitGoalWebhook();
        assertThat(slip.path("previousStatus").asText()).isEqualTo("met");
        assertThat(slip.path("modelVersion").asText()).isEqualTo("2");
        assertThat(slip.path("observed").asDouble()).isLessThan(0.15);
    }

    private GoalReport floor() {
        return tracker.goals(P).stream()
                .filter(g -> g.metric().equals("average_precision") && g.by().toString().equals(FLOOR))
                .findFirst().orElseThrow();
    }

    private JsonNode awaitGoalWebhook() {
        await().atMost(Duration.ofSeconds(20)).until(() -> goalPosts().findFirst().isPresent());
        return goalPosts().findFirst().orElseThrow();
    }

    private java.util.stream.Stream<JsonNode> goalPosts() {
        return received.stream().filter(body -> body.path("kind").asText().equals("GOAL")
                && body.path("metric").asText().equals("average_precision") && body.path("by").asText().equals(FLOOR));
    }

    private void promote(String version) {
        served.apply(new ModelPromoted("pro-" + version, 1, P, version, null, "file:///m/" + version, "test",
                TODAY.instant()));
    }

    /** {@code count} outcomes a minute apart, every {@code fraudEvery}-th a fraud scored {@code fraudScore}. */
    private void outcomes(String version, int count, int fraudEvery, double fraudScore) {
        for (int i = 0; i < count; i++) {
            boolean fraud = i % fraudEvery == 0;
            double score = fraud ? fraudScore : 0.1;
            Instant time = T0.plusSeconds(60L * sent);
            OutcomeObserved outcome = new OutcomeObserved("o" + sent, 1, P, "p" + sent, "e" + sent, version, score,
                    score >= 0.5, fraud ? 1 : 0, time, time, time.plusSeconds(3_600), 20.0);
            quality.record(outcome);
            ledger.onOutcome(outcome);
            sent++;
        }
    }

    private record Hooks(Optional<List<String>> urls) implements MonitorConfig.Webhooks {
        @Override
        public MonitorConfig.WebhookFormat format() {
            return MonitorConfig.WebhookFormat.json;
        }

        @Override
        public Duration dedup() {
            return Duration.ofHours(1);
        }

        @Override
        public int attempts() {
            return 1;
        }

        @Override
        public Duration backoff() {
            return Duration.ofMillis(100);
        }

        @Override
        public Duration timeout() {
            return Duration.ofSeconds(5);
        }
    }
}
