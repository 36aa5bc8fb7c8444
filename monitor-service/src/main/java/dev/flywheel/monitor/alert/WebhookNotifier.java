package dev.flywheel.monitor.alert;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.event.DriftDetected;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.monitor.business.GoalReport;
import dev.flywheel.monitor.business.GoalStatus;
import dev.flywheel.monitor.business.RealisedValue;
import dev.flywheel.monitor.config.MonitorConfig;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Posts drift alarms and their resolution to the webhooks of {@code flywheel.monitor.webhooks.urls}: consumes
 * what {@link DriftAlerts} raises and resolves, produces one HTTP POST per receiver, as generic JSON
 * ({@code {"status": "firing"|"resolved", "alarmKey", "pipeline", "modelVersion", "kind", "metric", "observed",
 * "threshold", ...}}) or Slack's incoming-webhook shape ({@code {"text": ...}}). The same alarm key and status is
 * posted at most once per {@code dedup} period. A receiver that answers other than 2xx, or not at all, is tried
 * again after {@code backoff}, 2×, 4×, ... up to {@code attempts} times; then the message is dropped, logged and
 * counted ({@code flywheel_monitor_webhook_failed_total}). Posting runs on a thread of its own: the feed never waits.
 * Business goals that slip and versions whose realised ROI turns negative ({@code GoalTracker}) are posted the same
 * way ({@link #goalSlipped}, {@link #roiNegative}).
 */
@Singleton
public class WebhookNotifier implements AlarmListener {

    private static final Logger LOG = Logger.getLogger(WebhookNotifier.class);

    private final MonitorConfig.Webhooks settings;
    private final List<URI> receivers;
    private final MeterRegistry registry;
    private final Clock clock;
    private final HttpClient http;
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "monitor-webhooks");
        thread.setDaemon(true);
        return thread;
    });
    /** When each (alarm key, status) was last posted. */
    private final Map<String, Instant> posted = new ConcurrentHashMap<>();

    @Inject
    public WebhookNotifier(MonitorConfig config, MeterRegistry registry) {
        this(config.webhooks(), registry, Clock.systemUTC());
    }

    public WebhookNotifier(MonitorConfig.Webhooks settings, MeterRegistry registry, Clock clock) {
        this.settings = settings;
        this.receivers = settings.urls().orElse(List.of()).stream().map(url -> {
            URI uri = URI.create(url.trim());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException("flywheel.monitor.webhooks.urls: '" + url
                        + "' is not an http(s) URL");
            }
            return uri;
        }).toList();
        this.registry = registry;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    @Override
    public void firing(DriftDetected drift) {
        notify(drift, "firing", null, drift.detectedAt() != null ? drift.detectedAt() : clock.instant());
    }

    @Override
    public void resolved(DriftDetected drift, String reason, Instant at) {
        notify(drift, "resolved", reason, at);
    }

    @PreDestroy
    void stop() {
        sender.shutdownNow();
    }

    private void notify(DriftDetected drift, String status, String reason, Instant at) {
        post(DriftAlerts.alarmKey(drift) + "#" + status, status, () -> body(drift, status, reason, at));
    }

    /**
     * A business goal got worse ({@code met} to {@code at_risk}, {@code at_risk} to {@code missed}): posted as
     * {@code {"status": "firing", "kind": "GOAL", "alarmKey": "goal:<p>:<metric>:<by>", "goalStatus", "previousStatus",
     * "observed", "target", ...}}, deduplicated per goal and status like drift alarms.
     */
    public void goalSlipped(GoalReport goal, GoalStatus previous) {
        String alarmKey = "goal:" + goal.pipeline() + ":" + goal.metric() + ":" + goal.by();
        post(alarmKey + "#" + goal.status().keyword(), "firing", () -> {
            if (settings.format() == MonitorConfig.WebhookFormat.slack) {
                return text(String.format(Locale.ROOT, ":warning: goal slipped on pipeline *%s*: %s is now %s (was %s),"
                        + " observed %s on model version %s", goal.pipeline(), goal.goal(), goal.status().keyword(),
                        previous.keyword(), goal.observed(), goal.modelVersion()));
            }
            ObjectNode node = Json.mapper().createObjectNode();
            node.put("status", "firing");
            node.put("kind", "GOAL");
            node.put("alarmKey", alarmKey);
            node.put("pipeline", goal.pipeline());
            node.put("modelVersion", goal.modelVersion());
            node.put("metric", goal.metric());
            node.put("goal", goal.goal());
            node.put("goalStatus", goal.status().keyword());
            node.put("previousStatus", previous.keyword());
            node.put("observed", goal.observed());
            node.put("target", goal.target());
            node.put("by", goal.by().toString());
            node.put("note", goal.note());
            node.put("at", clock.instant().toString());
            return write(node);
        });
    }

    /**
     * The served version's realised value, net of running cost, fell below doing nothing's: posted as
     * {@code {"status": "firing", "kind": "ROI_NEGATIVE", "alarmKey": "roi:<p>:<version>", "observed": <net per day>,
     * "threshold": 0, ...}}, deduplicated per version.
     */
    public void roiNegative(RealisedValue value) {
        String alarmKey = "roi:" + value.pipeline() + ":" + value.modelVersion();
        post(alarmKey + "#firing", "firing", () -> {
            if (settings.format() == MonitorConfig.WebhookFormat.slack) {
                return text(String.format(Locale.ROOT, ":money_with_wings: model version %s of pipeline *%s* loses"
                        + " money: %.2f/day net of running cost against doing nothing (expected %s/day)",
                        value.modelVersion(), value.pipeline(), value.netPerDay(), value.expectedNetPerDay()));
            }
            ObjectNode node = Json.mapper().createObjectNode();
            node.put("status", "firing");
            node.put("kind", "ROI_NEGATIVE");
            node.put("alarmKey", alarmKey);
            node.put("pipeline", value.pipeline());
            node.put("modelVersion", value.modelVersion());
            node.put("metric", "net_value_per_day");
            node.put("observed", value.netPerDay());
            node.put("threshold", 0.0);
            node.put("realisedPerDay", value.realisedPerDay());
            node.put("nothingPerDay", value.nothingPerDay());
            node.put("runningCostPerDay", value.runningCostPerDay());
            node.put("expectedNetPerDay", value.expectedNetPerDay());
            node.put("outcomes", value.outcomes());
            node.put("at", clock.instant().toString());
            return write(node);
        });
    }

    /** Posts to every receiver unless the same key was posted within {@code dedup}. */
    private void post(String key, String status, java.util.function.Supplier<String> body) {
        if (receivers.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Instant last = posted.get(key);
        if (last != null && now.isBefore(last.plus(settings.dedup()))) {
            registry.counter("flywheel.monitor.webhook.deduplicated", "status", status).increment();
            return;
        }
        posted.put(key, now);
        String payload = body.get();
        for (URI receiver : receivers) {
            sender.execute(() -> attempt(receiver, payload, status, 1));
        }
    }

    private static String text(String text) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("text", text);
        return write(node);
    }

    private static String write(ObjectNode node) {
        try {
            return Json.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a webhook payload", e);
        }
    }

    private void attempt(URI receiver, String body, String status, int attempt) {
        String failure;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(receiver).timeout(settings.timeout())
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                registry.counter("flywheel.monitor.webhook.sent", "status", status).increment();
                return;
            }
            failure = "HTTP " + response.statusCode();
        } catch (java.io.IOException e) {
            failure = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (attempt >= settings.attempts()) {
            registry.counter("flywheel.monitor.webhook.failed", "status", status).increment();
            LOG.errorf("webhook %s refused a %s alarm %d times (last: %s); dropped", receiver, status, attempt, failure);
            return;
        }
        long wait = settings.backoff().toMillis() << (attempt - 1);
        LOG.warnf("webhook %s: attempt %d of a %s alarm failed (%s); again in %d ms", receiver, attempt, status, failure,
                wait);
        sender.schedule(() -> attempt(receiver, body, status, attempt + 1), wait, TimeUnit.MILLISECONDS);
    }

    private String body(DriftDetected drift, String status, String reason, Instant at) {
        ObjectNode node = Json.mapper().createObjectNode();
        if (settings.format() == MonitorConfig.WebhookFormat.slack) {
            node.put("text", slackText(drift, status, reason));
        } else {
            node.put("status", status);
            node.put("alarmKey", DriftAlerts.alarmKey(drift));
            node.put("pipeline", drift.pipeline());
            node.put("modelVersion", drift.modelVersion());
            node.put("kind", drift.kind().name());
            node.put("metric", drift.metric());
            node.put("observed", drift.observed());
            node.put("threshold", drift.threshold());
            if (drift.baseline() != null) {
                node.put("baseline", drift.baseline());
            }
            node.put("windowStart", drift.windowStart() == null ? null : drift.windowStart().toString());
            node.put("windowEnd", drift.windowEnd() == null ? null : drift.windowEnd().toString());
            node.put("detectedAt", drift.detectedAt() == null ? null : drift.detectedAt().toString());
            node.put("driftEventId", drift.eventId());
            node.set("details", Json.mapper().valueToTree(new TreeMap<>(drift.details())));
            node.put("at", at.toString());
            if (reason != null) {
                node.put("reason", reason);
            }
        }
        try {
            return Json.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the webhook payload of " + drift.eventId(), e);
        }
    }

    private static String slackText(DriftDetected drift, String status, String reason) {
        String what = String.format(Locale.ROOT, "%s drift on pipeline *%s*, model version %s: %s = %.4f (threshold %.4f)",
                drift.kind().name().toLowerCase(Locale.ROOT), drift.pipeline(), drift.modelVersion(), drift.metric(),
                drift.observed(), drift.threshold());
        return status.equals("resolved")
                ? ":white_check_mark: RESOLVED " + what + ": " + reason
                : ":rotating_light: " + what + ", event times " + drift.windowStart() + " .. " + drift.windowEnd();
    }
}
