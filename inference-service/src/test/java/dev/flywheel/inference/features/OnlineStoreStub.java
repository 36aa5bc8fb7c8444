package dev.flywheel.inference.features;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.flywheel.contracts.json.Json;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * A real HTTP server on loopback that answers {@code GET /v1/pipelines/{p}/features?<entity>=<value>&...} in
 * feature-service's documented shape ({@code {"pipeline","entities":{field:{"value","asOf","eventId"}},
 * "features":{...},"missing":[field]}}), from entities a test {@link #put}s; it can be made slow, answer 503,
 * or go down. Started once per test JVM; its URL becomes {@code flywheel.inference.feature-url}.
 */
public class OnlineStoreStub implements QuarkusTestResourceLifecycleManager {

    private static final Map<String, Map<String, Double>> ENTITIES = new ConcurrentHashMap<>();
    private static final List<String> QUERIES = new CopyOnWriteArrayList<>();
    private static volatile Duration delay = Duration.ZERO;
    private static volatile int failWith;
    private static Vertx vertx;
    private static HttpServer server;
    private static int port;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        listen(0);
        return Map.of("flywheel.inference.feature-url", "http://127.0.0.1:" + port,
                "flywheel.inference.feature-timeout", "300ms");
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** The store's latest aggregates of one entity. */
    public static void put(String field, String value, Map<String, Double> aggregates) {
        ENTITIES.put(field + "=" + value, aggregates);
    }

    /** The query strings received, oldest first. */
    public static List<String> queries() {
        return List.copyOf(QUERIES);
    }

    /** Every answer waits this long. */
    public static void delay(Duration wait) {
        delay = wait;
    }

    /** Answers every request with this status (503: rebalancing); 0 answers normally. */
    public static void failWith(int status) {
        failWith = status;
    }

    /** Stops listening: connections are refused. */
    public static void down() {
        server.close().toCompletionStage().toCompletableFuture().join();
    }

    /** Listens again, on the same port. */
    public static void up() {
        listen(port);
    }

    public static void reset() {
        delay = Duration.ZERO;
        failWith = 0;
    }

    private static void listen(int onPort) {
        try {
            server = vertx.createHttpServer().requestHandler(OnlineStoreStub::answer).listen(onPort, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            port = server.actualPort();
        } catch (Exception e) {
            throw new IllegalStateException("the online-store stub cannot listen on " + onPort, e);
        }
    }

    private static void answer(HttpServerRequest request) {
        QUERIES.add(request.query());
        long wait = delay.toMillis();
        if (wait > 0) {
            vertx.setTimer(wait, timer -> respond(request));
        } else {
            respond(request);
        }
    }

    private static void respond(HttpServerRequest request) {
        if (failWith != 0) {
            request.response().setStatusCode(failWith).putHeader("Content-Type", "application/json")
                    .end("{\"status\":" + failWith + ",\"error\":\"stub told to fail\"}");
            return;
        }
        Map<String, Object> entities = new LinkedHashMap<>();
        Map<String, Double> features = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        request.params().forEach((field, value) -> {
            Map<String, Double> known = ENTITIES.get(field + "=" + value);
            if (known == null) {
                missing.add(field);
            } else {
                entities.put(field, Map.of("value", value, "asOf", "2026-11-27T17:02:11Z", "eventId", "tx-earlier"));
                features.putAll(known);
            }
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pipeline", request.path().split("/")[3]);
        body.put("entities", entities);
        body.put("features", features);
        body.put("missing", missing);
        try {
            request.response().putHeader("Content-Type", "application/json").end(Json.mapper().writeValueAsString(body));
        } catch (Exception e) {
            request.response().setStatusCode(500).end(e.toString());
        }
    }
}
