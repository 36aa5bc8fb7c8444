package dev.flywheel.monitor;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.json.Json;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * A real webhook receiver on loopback (Vert.x) for the service under test: it accepts every POST and keeps the
 * JSON bodies; the service is pointed at it through {@code flywheel.monitor.webhooks.urls}.
 */
public class WebhookReceiverResource implements QuarkusTestResourceLifecycleManager {

    /** Every body received, in order. */
    public static final List<JsonNode> RECEIVED = new CopyOnWriteArrayList<>();

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        try {
            HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
                try {
                    RECEIVED.add(Json.mapper().readTree(body.getBytes()));
                    request.response().setStatusCode(200).end();
                } catch (java.io.IOException e) {
                    request.response().setStatusCode(400).end(e.getMessage());
                }
            })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return Map.of("flywheel.monitor.webhooks.urls", "http://127.0.0.1:" + server.actualPort() + "/alarms");
        } catch (Exception e) {
            throw new IllegalStateException("the webhook receiver did not start: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
