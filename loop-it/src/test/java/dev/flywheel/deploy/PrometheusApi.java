package dev.flywheel.deploy;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.json.Json;

/**
 * Prometheus' HTTP query API ({@code /api/v1/query}, {@code /api/v1/query_range}) of a running Prometheus: an
 * expression in, Prometheus' JSON answer out. A range query is what a Grafana panel sends: a series that existed
 * at any step of the range is in the answer, as it would be drawn.
 */
final class PrometheusApi {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final MonitoringProcess prometheus;

    PrometheusApi(MonitoringProcess prometheus) {
        this.prometheus = prometheus;
    }

    /** The answer of an instant query now. */
    JsonNode query(String expr) throws IOException, InterruptedException {
        return get("/api/v1/query?query=" + encode(expr));
    }

    /** The answer of a range query from {@code start} to now, one point per {@code step}. */
    JsonNode range(String expr, Instant start, Duration step) throws IOException, InterruptedException {
        return get("/api/v1/query_range?query=" + encode(expr) + "&start=" + start.getEpochSecond() + "&end="
                + Instant.now().getEpochSecond() + "&step=" + step.toSeconds() + "s");
    }

    /** The series of an instant query now; fails naming the expression if Prometheus refuses it. */
    List<JsonNode> series(String expr) throws IOException, InterruptedException {
        return resultOf(expr, query(expr));
    }

    /** The series of a range query; fails naming the expression if Prometheus refuses it. */
    List<JsonNode> seriesOver(String expr, Instant start, Duration step) throws IOException, InterruptedException {
        return resultOf(expr, range(expr, start, step));
    }

    JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(prometheus.uri(pathAndQuery))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return Json.mapper().readTree(response.body());
    }

    private static List<JsonNode> resultOf(String expr, JsonNode answer) {
        if (!"success".equals(answer.path("status").asText())) {
            throw new AssertionError("Prometheus refused " + expr + ": " + answer);
        }
        List<JsonNode> series = new ArrayList<>();
        answer.path("data").path("result").forEach(series::add);
        return series;
    }

    private static String encode(String expr) {
        return URLEncoder.encode(expr, StandardCharsets.UTF_8);
    }
}
