package dev.flywheel.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.event.DriftDetected;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.monitor.config.MonitorConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * Webhooks against a real HTTP server on loopback (Vert.x): retries with backoff until the receiver accepts,
 * dedup of the same alarm, the "resolved" message, the Slack payload, and giving up after the attempts.
 */
class WebhookNotifierTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private Vertx vertx;
    private HttpServer server;
    private final List<JsonNode> accepted = new CopyOnWriteArrayList<>();
    private final List<Instant> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private WebhookNotifier notifier;

    @BeforeEach
    void startReceiver() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            calls.add(Instant.now());
            if (failuresLeft.getAndDecrement() > 0) {
                request.response().setStatusCode(503).end("busy");
                return;
            }
            try {
                accepted.add(Json.mapper().readTree(body.getBytes()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            request.response().setStatusCode(204).end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        if (notifier != null) {
            notifier.stop();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aReceiverThatFailsTwiceGetsTheAlarmOnTheThirdAttemptAfterABackoff() {
        // Given a receiver that answers 503 twice, then accepts
        failuresLeft.set(2);
        notifier = notifier(MonitorConfig.WebhookFormat.json, 5, Duration.ofMillis(200));

        // When a concept drift fires
        notifier.firing(drift("v1"));

        // Then it is delivered once, on the third call, after waits of 200 and 400 ms
        await().atMost(TIMEOUT).until(() -> accepted.size() == 1);
        assertThat(calls).hasSize(3);
        assertThat(Duration.between(calls.get(0), calls.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(190));
        assertThat(Duration.between(calls.get(1), calls.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(390));
        JsonNode body = accepted.get(0);
        assertThat(body.path("status").asText()).isEqualTo("firing");
        assertThat(body.path("alarmKey").asText()).isEqualTo("card-fraud/v1/concept/error_rate:adwin");
        assertThat(body.path("kind").asText()).isEqualTo("CONCEPT");
        assertThat(body.path("observed").asDouble()).isEqualTo(0.21);
        assertThat(body.path("details").path("window_before").asDouble()).isEqualTo(5_120);
        assertThat(registry.counter("flywheel.monitor.webhook.sent", "status", "firing").count()).isEqualTo(1);
    }

    @Test
    void theSameAlarmIsPostedOnceWithinTheDedupPeriodAndItsResolutionOnce() {
        // Given a receiver that accepts
        notifier = notifier(MonitorConfig.WebhookFormat.json, 3, Duration.ofMillis(50));

        // When the same alarm fires three times, another version's once, and the first one resolves twice
        notifier.firing(drift("v1"));
        notifier.firing(drift("v1"));
        notifier.firing(drift("v2"));
        notifier.firing(drift("v1"));
        notifier.resolved(drift("v1"), "model version v2 now serves the pipeline", Instant.parse("2026-01-01T00:00:00Z"));
        notifier.resolved(drift("v1"), "again", Instant.parse("2026-01-01T00:00:01Z"));

        // Then the receiver gets v1 firing, v2 firing, v1 resolved
        await().atMost(TIMEOUT).until(() -> accepted.size() == 3);
        await().during(Duration.ofMillis(500)).atMost(TIMEOUT).until(() -> accepted.size() == 3);
        assertThat(accepted).extracting(node -> node.path("modelVersion").asText() + ":" + node.path("status").asText())
                .containsExactly("v1:firing", "v2:firing", "v1:resolved");
        assertThat(accepted.get(2).path("reason").asText()).isEqualTo("model version v2 now serves the pipeline");
        assertThat(registry.counter("flywheel.monitor.webhook.deduplicated", "status", "firing").count()).isEqualTo(2);
    }

    @Test
    void slackFormatSendsOneTextLine() {
        // Given a Slack-style receiver
        notifier = notifier(MonitorConfig.WebhookFormat.slack, 3, Duration.ofMillis(50));

        // When
        notifier.firing(drift("v7"));
        notifier.resolved(drift("v7"), "model version v8 now serves the pipeline", Instant.now());

        // Then
        await().atMost(TIMEOUT).until(() -> accepted.size() == 2);
        assertThat(accepted.get(0).fieldNames()).toIterable().containsExactly("text");
        assertThat(accepted.get(0).path("text").asText())
                .startsWith(":rotating_light: concept drift on pipeline *card-fraud*, model version v7: error_rate:adwin = 0.2100");
        assertThat(accepted.get(1).path("text").asText()).startsWith(":white_check_mark: RESOLVED concept drift")
                .endsWith("model version v8 now serves the pipeline");
    }

    @Test
    void aReceiverThatNeverAcceptsIsGivenUpAfterTheAttempts() {
        // Given a receiver that always fails
        failuresLeft.set(Integer.MAX_VALUE);
        notifier = notifier(MonitorConfig.WebhookFormat.json, 3, Duration.ofMillis(20));

        // When
        notifier.firing(drift("v1"));

        // Then three calls, then the message is counted as failed
        await().atMost(TIMEOUT).until(() -> registry.counter("flywheel.monitor.webhook.failed", "status", "firing")
                .count() == 1);
        assertThat(calls).hasSize(3);
        assertThat(accepted).isEmpty();
    }

    private WebhookNotifier notifier(MonitorConfig.WebhookFormat format, int attempts, Duration backoff) {
        String url = "http://127.0.0.1:" + server.actualPort() + "/hook";
        return new WebhookNotifier(new Settings(Optional.of(List.of(url)), format, Duration.ofHours(1), attempts, backoff,
                Duration.ofSeconds(5)), registry, Clock.systemUTC());
    }

    private static DriftDetected drift(String version) {
        return new DriftDetected("concept:card-fraud:" + version, 1, "card-fraud", version, DriftDetected.Kind.CONCEPT,
                "error_rate:adwin", 0.21, 0.12, null, Instant.parse("2018-06-01T00:00:00Z"),
                Instant.parse("2018-06-02T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"),
                Map.of("window_before", 5_120.0, "window_after", 160.0));
    }

    private record Settings(Optional<List<String>> urls, MonitorConfig.WebhookFormat format, Duration dedup, int attempts,
                            Duration backoff, Duration timeout) implements MonitorConfig.Webhooks {
    }
}
