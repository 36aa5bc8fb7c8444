package dev.flywheel.simulator;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.flywheel.contracts.json.Json;

/**
 * What a simulated event looks like outside the simulator, shared by every sink so that CSV files,
 * NDJSON files and Kafka records carry the same fields.
 *
 * <p>A transaction carries exactly {@code transaction_id, tx_datetime, customer_id, terminal_id,
 * tx_amount} — never its label. Ids are strings (they are keys, not quantities); {@code tx_datetime}
 * is an ISO-8601 UTC instant; {@code tx_amount} a number with two decimals. A label carries
 * {@code transaction_id, tx_fraud} (0/1){@code , tx_fraud_scenario, label_time}.
 */
final class WireFormat {

    static final String TRANSACTION_ID = "transaction_id";
    static final String TX_DATETIME = "tx_datetime";
    static final String CUSTOMER_ID = "customer_id";
    static final String TERMINAL_ID = "terminal_id";
    static final String TX_AMOUNT = "tx_amount";
    static final String TX_FRAUD = "tx_fraud";
    static final String TX_FRAUD_SCENARIO = "tx_fraud_scenario";
    static final String LABEL_TIME = "label_time";

    static final List<String> TRANSACTION_FIELDS = List.of(TRANSACTION_ID, TX_DATETIME, CUSTOMER_ID, TERMINAL_ID, TX_AMOUNT);
    static final List<String> LABEL_FIELDS = List.of(TRANSACTION_ID, TX_FRAUD, TX_FRAUD_SCENARIO, LABEL_TIME);

    private WireFormat() {
    }

    /** The event's fields in their documented order; values are String, Integer or BigDecimal. */
    static Map<String, Object> fields(SimEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (event instanceof CardTransaction tx) {
            fields.put(TRANSACTION_ID, tx.transactionId());
            fields.put(TX_DATETIME, tx.txDatetime().toString());
            fields.put(CUSTOMER_ID, Integer.toString(tx.customerId()));
            fields.put(TERMINAL_ID, Integer.toString(tx.terminalId()));
            fields.put(TX_AMOUNT, tx.txAmount());
        } else if (event instanceof FraudLabel label) {
            fields.put(TRANSACTION_ID, label.transactionId());
            fields.put(TX_FRAUD, label.txFraud());
            fields.put(TX_FRAUD_SCENARIO, label.scenario().code());
            fields.put(LABEL_TIME, label.labelTime().toString());
        }
        return fields;
    }

    /** The event as one line of JSON, written with the platform's shared mapper. */
    static String json(SimEvent event) {
        try {
            return Json.mapper().writeValueAsString(fields(event));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
