package dev.flywheel.inference.features;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.json.Json;
import dev.flywheel.inference.config.InferenceConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Asks feature-service's online store for the latest aggregates of a row's entities:
 * {@code GET {flywheel.inference.feature-url}/v1/pipelines/{p}/features?customer_id=..&terminal_id=..},
 * answered as {@link OnlineAggregates}.
 *
 * <p>Vert.x's HTTP client (pooled keep-alive connections, no thread of its own), with
 * {@code flywheel.inference.feature-timeout} for the whole lookup, connection included. Several rows are
 * looked up side by side ({@link #lookup} returns at once; {@link #await} waits).
 *
 * <p>Failures are {@link FeatureLookupFailed}: unreachable, too slow, or a 5xx from feature-service is
 * {@code UNAVAILABLE} (the caller answers 503: it may work later); a 4xx (the pipeline or an entity field
 * unknown to feature-service: a configuration mismatch) is {@code REFUSED} (502). Meter:
 * {@code flywheel_inference_feature_lookups{pipeline, outcome}} with outcome {@code ok}, {@code unavailable},
 * {@code refused}.
 */
@Singleton
public class OnlineFeatureClient {

    private static final Logger LOG = Logger.getLogger(OnlineFeatureClient.class);

    private final HttpClient http;
    private final String baseUrl;
    private final Duration timeout;
    private final MeterRegistry meters;

    public OnlineFeatureClient(Vertx vertx, InferenceConfig config, MeterRegistry meters) {
        this.baseUrl = config.featureUrl().replaceAll("/+$", "");
        this.timeout = config.featureTimeout();
        this.meters = meters;
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(32)
                .setConnectTimeout((int) timeout.toMillis()));
    }

    /** Starts the lookup of one row's entities; {@link #await} gives its answer or failure. */
    public CompletableFuture<OnlineAggregates> lookup(String pipeline, Map<String, String> entities) {
        String uri = baseUrl + "/v1/pipelines/" + encode(pipeline) + "/features?" + entities.entrySet().stream()
                .map(entity -> encode(entity.getKey()) + "=" + encode(entity.getValue()))
                .collect(Collectors.joining("&"));
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(uri)
                .setTimeout(timeout.toMillis()).addHeader("Accept", "application/json");
        CompletableFuture<OnlineAggregates> answer = new CompletableFuture<>();
        http.request(request)
                .compose(sent -> sent.send().compose(response -> response.body()
                        .map(body -> new Answer(response.statusCode(), body))))
                .onSuccess(received -> complete(answer, pipeline, uri, received))
                .onFailure(error -> fail(answer, pipeline, new FeatureLookupFailed(FeatureLookupFailed.Kind.UNAVAILABLE,
                        "feature-service at " + baseUrl + " could not be asked for " + entities + ": " + reason(error),
                        error)));
        // Vert.x's own timeout normally ends it first; this one makes sure the future always completes.
        return answer.orTimeout(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    }

    /**
     * Waits for a lookup (a little longer than its own timeout, which normally ends it first).
     *
     * @throws FeatureLookupFailed when it failed
     */
    public OnlineAggregates await(CompletableFuture<OnlineAggregates> lookup) {
        try {
            return lookup.get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FeatureLookupFailed failed) {
                throw failed;
            }
            throw new FeatureLookupFailed(FeatureLookupFailed.Kind.UNAVAILABLE, "online feature lookup failed: "
                    + reason(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new FeatureLookupFailed(FeatureLookupFailed.Kind.UNAVAILABLE, "feature-service at " + baseUrl
                    + " did not answer within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeatureLookupFailed(FeatureLookupFailed.Kind.UNAVAILABLE, "interrupted while waiting for "
                    + "feature-service", e);
        }
    }

    private void complete(CompletableFuture<OnlineAggregates> answer, String pipeline, String uri, Answer received) {
        if (received.status() == 200) {
            try {
                OnlineAggregates aggregates = Json.mapper().readValue(received.body().getBytes(), OnlineAggregates.class);
                counted(pipeline, "ok");
                answer.complete(aggregates);
            } catch (Exception e) {
                fail(answer, pipeline, new FeatureLookupFailed(FeatureLookupFailed.Kind.REFUSED,
                        "feature-service's answer to " + uri + " is not an online-features answer: " + reason(e), e));
            }
            return;
        }
        FeatureLookupFailed.Kind kind = received.status() >= 500 ? FeatureLookupFailed.Kind.UNAVAILABLE
                : FeatureLookupFailed.Kind.REFUSED;
        fail(answer, pipeline, new FeatureLookupFailed(kind, "feature-service answered " + received.status() + " to "
                + uri + ": " + errorOf(received.body()), null));
    }

    private void fail(CompletableFuture<OnlineAggregates> answer, String pipeline, FeatureLookupFailed failure) {
        counted(pipeline, failure.kind() == FeatureLookupFailed.Kind.UNAVAILABLE ? "unavailable" : "refused");
        LOG.debug(failure.getMessage());
        answer.completeExceptionally(failure);
    }

    private void counted(String pipeline, String outcome) {
        meters.counter("flywheel_inference_feature_lookups", "pipeline", pipeline, "outcome", outcome).increment();
    }

    private static String errorOf(Buffer body) {
        try {
            JsonNode error = Json.mapper().readTree(body.getBytes()).get("error");
            if (error != null) {
                return error.asText();
            }
        } catch (Exception notJson) {
            // fall through: show the text
        }
        String text = body.toString(StandardCharsets.UTF_8);
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private static String reason(Throwable error) {
        return error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @PreDestroy
    void close() {
        http.close();
    }

    private record Answer(int status, Buffer body) {
    }
}
