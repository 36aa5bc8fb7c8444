package dev.flywheel.ingest.rest;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.testing.TopicProbe;

/** Records of the card-fraud pipeline for the HTTP tests, and a wait for all of them on its events topic. */
final class IngestFixtures {

    static final String PIPELINE = "card-fraud";
    static final String CSV_HEADER = "transaction_id,tx_datetime,customer_id,terminal_id,tx_amount";

    private IngestFixtures() {
    }

    static String uniqueId() {
        return UUID.randomUUID().toString();
    }

    static String transaction(String id, String amount) {
        return "{\"transaction_id\":\"" + id + "\",\"tx_datetime\":\"2018-04-01T00:07:56Z\","
                + "\"customer_id\":\"758\",\"terminal_id\":\"3156\",\"tx_amount\":" + amount + "}";
    }

    static String csvRow(String id, String amount) {
        return id + ",2018-04-01T00:07:56Z,758,3156," + amount;
    }

    /** Waits until every id is on the pipeline's events topic. */
    static void awaitEvents(Collection<String> ids, Duration timeout) {
        Set<String> missing = new HashSet<>(ids);
        try (var events = TopicProbe.of(Topics.events(PIPELINE))) {
            events.await((EventIngested e) -> {
                missing.remove(e.eventId());
                return missing.isEmpty();
            }, timeout);
        }
    }
}
