package dev.flywheel.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import dev.flywheel.contracts.json.Json;

/**
 * An HTTP server on a loopback port that takes Alertmanager's webhook notifications (POST, JSON) and keeps
 * every alert they carry: its status and labels, as the receiver of an operator would see them.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One alert of a notification. */
    record ReceivedAlert(String status, Map<String, String> labels) {
    }

    private final HttpServer server;
    private final List<ReceivedAlert> alerts = new CopyOnWriteArrayList<>();
    private final List<String> unreadable = new CopyOnWriteArrayList<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    static WebhookReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        WebhookReceiver receiver = new WebhookReceiver(server);
        server.createContext("/alerts", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                receiver.take(body.readAllBytes());
                exchange.sendResponseHeaders(200, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
        return receiver;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts";
    }

    List<ReceivedAlert> alerts() {
        return List.copyOf(alerts);
    }

    /** Bodies that were not Alertmanager JSON (none expected). */
    List<String> unreadable() {
        return List.copyOf(unreadable);
    }

    private void take(byte[] body) {
        try {
            JsonNode notification = Json.mapper().readTree(body);
            List<ReceivedAlert> received = new ArrayList<>();
            for (JsonNode alert : notification.path("alerts")) {
                Map<String, String> labels = new java.util.TreeMap<>();
                alert.path("labels").fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
                received.add(new ReceivedAlert(alert.path("status").asText(), labels));
            }
            alerts.addAll(received);
        } catch (IOException e) {
            unreadable.add(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
