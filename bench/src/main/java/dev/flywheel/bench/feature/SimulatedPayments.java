package dev.flywheel.bench.feature;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.simulator.CardTransaction;
import dev.flywheel.simulator.Simulation;
import dev.flywheel.simulator.SimulationConfig;
import dev.flywheel.simulator.TransactionStream;

/**
 * The simulator's card payments (the handbook's model, seeded) as the {@link EventIngested} records the ingest
 * service would write for them: event id = {@code transaction_id}, event time = {@code tx_datetime}, the payload
 * with the simulator's wire fields. The preload and the latency run draw from the same deterministic stream, the
 * latency run after skipping what the preload took, so its payments continue the preload's in event time.
 */
final class SimulatedPayments {

    /** 1,000 cards and 2,000 terminals give ~2,000 payments a simulated day. */
    static final int CUSTOMERS = 1_000;
    static final int TERMINALS = 2_000;
    static final long SEED = 20_260_501L;

    private final String pipeline;
    private final TransactionStream transactions;

    SimulatedPayments(String pipeline, long skip) {
        this.pipeline = pipeline;
        SimulationConfig config = SimulationConfig.standard().withPopulation(CUSTOMERS, TERMINALS).withSeed(SEED);
        this.transactions = new Simulation(config).transactions();
        for (long i = 0; i < skip && transactions.hasNext(); i++) {
            transactions.next();
        }
    }

    /** The next payment as ingest would have written it, accepted {@code ingestedAt}. */
    EventIngested next(Instant ingestedAt) {
        if (!transactions.hasNext()) {
            throw new IllegalStateException("the simulation ran out of payments; ask for fewer records");
        }
        CardTransaction tx = transactions.next();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("transaction_id", tx.transactionId());
        fields.put("tx_datetime", tx.txDatetime().toString());
        fields.put("customer_id", Integer.toString(tx.customerId()));
        fields.put("terminal_id", Integer.toString(tx.terminalId()));
        fields.put("tx_amount", tx.txAmount());
        JsonNode payload = Json.mapper().valueToTree(fields);
        return EventIngested.of(tx.transactionId(), pipeline, tx.txDatetime(), ingestedAt, "bench", payload);
    }
}
