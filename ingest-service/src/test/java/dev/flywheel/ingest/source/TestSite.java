package dev.flywheel.ingest.source;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.flywheel.contracts.json.Json;

/**
 * A real HTTP server on loopback for source tests (the JDK's own), with a request log the tests assert on:
 * <ul>
 *   <li>{@code /api/tx?page=n&limit=k}: numbered pages of {@link #transactions} as {@code {"data":{"items":[...]}}};
 *   without {@code limit} pages hold {@link #DEFAULT_PAGE} records;</li>
 *   <li>{@code /api/feed?after=t}: the same records, two per page, with {@code next_cursor} until the last;</li>
 *   <li>{@code /shop/list.html} and {@code /private/list.html}: an HTML list of {@link #transactions};</li>
 *   <li>{@code /robots.txt}: disallows {@code /private/} for every agent.</li>
 * </ul>
 * {@link #failNext(int)} makes the next requests answer 500.
 */
final class TestSite implements AutoCloseable {

    static final int DEFAULT_PAGE = 3;

    /** One request as the server received it; {@code nanos} is the server's {@link System#nanoTime()}. */
    record Request(String path, String query, String userAgent, long nanos) {
    }

    final List<ObjectNode> transactions = new CopyOnWriteArrayList<>();
    final List<Request> log = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final HttpServer server;

    TestSite() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void failNext(int count) {
        failures.set(count);
    }

    /** Appends valid transactions {@code prefix-from} .. {@code prefix-to}. */
    void addTransactions(String prefix, int from, int to) {
        for (int i = from; i <= to; i++) {
            transactions.add(transaction(prefix + "-" + i, 10 + i));
        }
    }

    static ObjectNode transaction(String id, double amount) {
        ObjectNode tx = Json.mapper().createObjectNode();
        tx.put("transaction_id", id);
        tx.put("tx_datetime", "2018-04-01T00:07:56Z");
        tx.put("customer_id", "758");
        tx.put("terminal_id", "3156");
        tx.put("tx_amount", amount);
        return tx;
    }

    List<Request> requests(String path) {
        return log.stream().filter(request -> request.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        log.add(new Request(path, query == null ? "" : query, exchange.getRequestHeaders().getFirst("User-Agent"),
                System.nanoTime()));
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            respond(exchange, 500, "text/plain", "try again");
            return;
        }
        Map<String, String> params = params(query);
        switch (path) {
            case "/api/tx" -> respond(exchange, 200, "application/json", pageBody(params));
            case "/api/feed" -> respond(exchange, 200, "application/json", feedBody(params));
            case "/shop/list.html", "/private/list.html" -> respond(exchange, 200, "text/html", html());
            case "/robots.txt" -> respond(exchange, 200, "text/plain",
                    "User-agent: *\nDisallow: /private/\nAllow: /\n");
            default -> respond(exchange, 404, "text/plain", "no such page");
        }
    }

    private String pageBody(Map<String, String> params) {
        int page = Integer.parseInt(params.getOrDefault("page", "1"));
        int size = Integer.parseInt(params.getOrDefault("limit", Integer.toString(DEFAULT_PAGE)));
        List<ObjectNode> all = new ArrayList<>(transactions);
        ArrayNode items = Json.mapper().createArrayNode();
        for (int i = (page - 1) * size; i < Math.min(all.size(), page * size); i++) {
            items.add(all.get(i));
        }
        ObjectNode body = Json.mapper().createObjectNode();
        body.putObject("data").set("items", items);
        return body.toString();
    }

    private String feedBody(Map<String, String> params) {
        int from = Integer.parseInt(params.getOrDefault("after", "0"));
        List<ObjectNode> all = new ArrayList<>(transactions);
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode items = body.putArray("items");
        for (int i = from; i < Math.min(all.size(), from + 2); i++) {
            items.add(all.get(i));
        }
        if (from + 2 < all.size()) {
            body.put("next_cursor", Integer.toString(from + 2));
        } else {
            body.putNull("next_cursor");
        }
        return body.toString();
    }

    private String html() {
        StringBuilder page = new StringBuilder("<html><body><ul id=\"tx\">\n");
        for (ObjectNode tx : transactions) {
            // Test page markup; the values are plain ids and numbers the test itself made.
            page.append("<li class=\"tx\" data-id=\"").append(tx.get("transaction_id").asText()).append("\">")
                    .append("<span class=\"when\">").append(tx.get("tx_datetime").asText()).append("</span>")
                    .append("<span class=\"customer\">").append(tx.get("customer_id").asText()).append("</span>")
                    .append("<span class=\"terminal\">").append(tx.get("terminal_id").asText()).append("</span>")
                    .append("<span class=\"amount\"> ").append(tx.get("tx_amount").asText()).append(" </span>")
                    .append("<a class=\"more\" href=\"/tx/").append(tx.get("transaction_id").asText())
                    .append("\">details</a></li>\n");
        }
        return page.append("</ul></body></html>").toString();
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new HashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return params;
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
