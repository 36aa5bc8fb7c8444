package dev.flywheel.bench.ingest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.json.Json;

/**
 * Valid card-fraud transactions for the ingest benchmarks, as one line of JSON each (~200 bytes).
 *
 * <p>Produces the fields {@code pipelines/card-fraud.yaml} requires ({@code transaction_id, tx_datetime,
 * customer_id, terminal_id, tx_amount}) plus the simulator's {@code tx_time_seconds} and
 * {@code tx_time_days}, which the spec lets through ({@code additionalFields: allow}). Every transaction has
 * its own id (a UUID drawn from the seeded generator), so a batch never repeats one. Seeded: the same seed
 * gives the same files, so two runs post the same bytes.
 */
final class CardFraudTransactions {

    private static final Instant FIRST_DAY = Instant.parse("2018-04-01T00:00:00Z");
    private static final long SIMULATED_SECONDS = Duration.ofDays(60).toSeconds();

    private final SplittableRandom random;

    CardFraudTransactions(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** One generated transaction: its id (the key a client would use) and its JSON line. */
    record Transaction(String id, String json) {
    }

    /** The next transaction, as one line of JSON. */
    String next() {
        return nextTransaction().json();
    }

    /** The next transaction with its id. */
    Transaction nextTransaction() {
        ObjectNode node = nextNode();
        return new Transaction(node.get("transaction_id").asText(), write(node));
    }

    /** {@code size} transactions as one JSON array (the body of a batch POST). */
    String batch(int size) {
        ArrayNode array = Json.mapper().createArrayNode();
        for (int i = 0; i < size; i++) {
            array.add(nextNode());
        }
        return write(array);
    }

    /** {@code count} transactions, one JSON line each. */
    List<String> lines(int count) {
        return Stream.generate(this::next).limit(count).toList();
    }

    private ObjectNode nextNode() {
        long second = random.nextLong(SIMULATED_SECONDS);
        ObjectNode tx = Json.mapper().createObjectNode();
        tx.put("transaction_id", new UUID(random.nextLong(), random.nextLong()).toString());
        tx.put("tx_datetime", FIRST_DAY.plusSeconds(second).toString());
        tx.put("customer_id", Integer.toString(random.nextInt(5_000)));
        tx.put("terminal_id", Integer.toString(random.nextInt(10_000)));
        tx.put("tx_amount", BigDecimal.valueOf(random.nextDouble(1, 250)).setScale(2, RoundingMode.HALF_UP));
        tx.put("tx_time_seconds", second);
        tx.put("tx_time_days", second / Duration.ofDays(1).toSeconds());
        return tx;
    }

    private static String write(Object node) {
        try {
            return Json.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a generated transaction as JSON", e);
        }
    }
}
