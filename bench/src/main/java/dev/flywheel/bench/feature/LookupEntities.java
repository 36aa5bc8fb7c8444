package dev.flywheel.bench.feature;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.contracts.json.Json;

/**
 * The entities a lookup run asks for: customers {@code c-<run>-<i>} and terminals {@code t-<run>-<i>}, payment
 * {@code k} of entity {@code i} being {@code tx-<run>-<i>-<k>} (customer i always at terminal i). Publishes their
 * payments and waits until a feature service serves every one of them as of its last payment.
 */
final class LookupEntities {

    private final String pipeline;
    private final String run;
    private final int count;
    private final int eventsEach;

    LookupEntities(String pipeline, String run, int count, int eventsEach) {
        this.pipeline = pipeline;
        this.run = run;
        this.count = count;
        this.eventsEach = eventsEach;
    }

    int count() {
        return count;
    }

    String pipeline() {
        return pipeline;
    }

    String customer(int i) {
        return "c-" + run + "-" + i;
    }

    String terminal(int i) {
        return "t-" + run + "-" + i;
    }

    private String payment(int i, int k) {
        return "tx-" + run + "-" + i + "-" + k;
    }

    /** Publishes every payment, a second apart per entity, ending now; returns the result line. */
    String preload(String bootstrap) {
        Topic<String, EventIngested> events = Topics.events(pipeline);
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(eventsEach);
        long began = System.nanoTime();
        try (KafkaProducer<String, EventIngested> producer = new KafkaProducer<>(config,
                events.keySerde().serializer(), events.valueSerde().serializer())) {
            for (int k = 0; k < eventsEach; k++) {
                for (int i = 0; i < count; i++) {
                    Instant time = start.plusSeconds(k);
                    String id = payment(i, k);
                    ObjectNode payload = Json.mapper().createObjectNode()
                            .put("transaction_id", id).put("tx_datetime", time.toString())
                            .put("customer_id", customer(i)).put("terminal_id", terminal(i))
                            .put("tx_amount", 10.0 + (i % 90) + k);
                    producer.send(new ProducerRecord<>(events.name(), id,
                            EventIngested.of(id, pipeline, time, Instant.now(), "bench", payload)));
                }
            }
            producer.flush();
        }
        return "preload events=" + (long) count * eventsEach + " entities=" + count + " ms="
                + (System.nanoTime() - began) / 1_000_000;
    }

    /** Polls until every customer and terminal is served as of its last payment; returns the result line. */
    String await(String url, Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long began = System.nanoTime();
        long deadline = began + timeout.toNanos();
        List<String> pending = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pending.add("customer_id/" + customer(i) + " " + payment(i, eventsEach - 1));
            pending.add("terminal_id/" + terminal(i) + " " + payment(i, eventsEach - 1));
        }
        while (!pending.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(pending.size() + " entities not served as of their last payment after "
                        + timeout + ", e.g. " + pending.get(0));
            }
            List<String> still = new ArrayList<>();
            for (String entry : pending) {
                String[] parts = entry.split(" ");
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/pipelines/"
                        + pipeline + "/features/" + parts[0])).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200
                        || !parts[1].equals(Json.mapper().readTree(answer.body()).path("eventId").asText())) {
                    still.add(entry);
                }
            }
            pending = still;
            if (!pending.isEmpty()) {
                Thread.sleep(1000); // polling a service that is still catching up, not synchronising a test
            }
        }
        return "await entities=" + 2 * count + " ms=" + (System.nanoTime() - began) / 1_000_000;
    }
}
