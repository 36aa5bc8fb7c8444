package dev.flywheel.deploy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpServer;

import dev.flywheel.contracts.json.Json;

/**
 * A partner's JSON API on a loopback port, for an {@code http_api} pull source of ingest-service: {@code GET
 * /transactions} answers the same card-fraud records every time, the last one with a negative amount (refused by
 * the schema), and counts the requests.
 */
final class PartnerApi implements AutoCloseable {

    private static final List<Double> AMOUNTS = List.of(31.0, 74.5, -1.0);

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private PartnerApi(HttpServer server) {
        this.server = server;
    }

    static PartnerApi start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        PartnerApi api = new PartnerApi(server);
        byte[] body = Json.mapper().writeValueAsBytes(records());
        server.createContext("/transactions", exchange -> {
            try {
                api.requests.incrementAndGet();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } finally {
                exchange.close();
            }
        });
        server.start();
        return api;
    }

    private static ArrayNode records() {
        ArrayNode records = Json.mapper().createArrayNode();
        for (int i = 0; i < AMOUNTS.size(); i++) {
            records.addObject().put("transaction_id", "partner-" + i)
                    .put("tx_datetime", "2018-04-02T10:0" + i + ":00Z").put("customer_id", "p" + i)
                    .put("terminal_id", "t" + i).put("tx_amount", AMOUNTS.get(i));
        }
        return records;
    }

    /** Records the API answers: all but the last are valid. */
    static int records(boolean valid) {
        return valid ? AMOUNTS.size() - 1 : 1;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/transactions";
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
