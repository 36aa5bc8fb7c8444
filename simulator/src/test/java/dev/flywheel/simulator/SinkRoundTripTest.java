package dev.flywheel.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SinkRoundTripTest {

    private static final String ISO_SECOND = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";

    @TempDir
    Path dir;

    private final List<CardTransaction> transactions = new ArrayList<>();
    private final List<FraudLabel> labels = new ArrayList<>();

    @BeforeAll
    void simulate() {
        // Given a few days of events with frauds of every kind, labels included
        SimulationConfig config = SimulationConfig.standard().withPopulation(500, 1000).withDays(4)
                .withNewFraudPattern(NewFraudPattern.cardTestingFrom(1));
        new Simulation(config).events().forEachRemaining(e -> {
            if (e instanceof CardTransaction tx) {
                transactions.add(tx);
            } else {
                labels.add((FraudLabel) e);
            }
        });
    }

    @Test
    void csvRoundTrip() throws IOException {
        // When written to CSV
        Path out = dir.resolve("tx.csv");
        write(out);

        // Then both files parse back, with the documented headers, to the same values
        List<CSVRecord> txRows = parseCsv(out);
        assertThat(txRows).hasSize(transactions.size());
        for (int i = 0; i < txRows.size(); i++) {
            CSVRecord row = txRows.get(i);
            CardTransaction tx = transactions.get(i);
            assertThat(row.toMap().keySet()).containsExactlyInAnyOrder("transaction_id", "tx_datetime", "customer_id",
                    "terminal_id", "tx_amount");
            assertThat(row.get("transaction_id")).isEqualTo(tx.transactionId());
            assertThat(row.get("tx_datetime")).matches(ISO_SECOND);
            assertThat(Instant.parse(row.get("tx_datetime"))).isEqualTo(tx.txDatetime());
            assertThat(Integer.parseInt(row.get("customer_id"))).isEqualTo(tx.customerId());
            assertThat(Integer.parseInt(row.get("terminal_id"))).isEqualTo(tx.terminalId());
            assertThat(new BigDecimal(row.get("tx_amount"))).isEqualByComparingTo(tx.txAmount());
        }
        List<CSVRecord> labelRows = parseCsv(OutputFiles.beside(out).labels());
        assertThat(labelRows).hasSize(labels.size());
        for (int i = 0; i < labelRows.size(); i++) {
            CSVRecord row = labelRows.get(i);
            FraudLabel label = labels.get(i);
            assertThat(row.get("transaction_id")).isEqualTo(label.transactionId());
            assertThat(Integer.parseInt(row.get("tx_fraud"))).isEqualTo(label.txFraud());
            assertThat(FraudScenario.ofCode(Integer.parseInt(row.get("tx_fraud_scenario")))).isEqualTo(label.scenario());
            assertThat(Instant.parse(row.get("label_time"))).isEqualTo(label.labelTime());
        }
    }

    @Test
    void ndjsonRoundTrip() throws IOException {
        // When written to NDJSON
        Path out = dir.resolve("tx.ndjson");
        write(out);

        // Then each line is an object with exactly the event's five fields, carrying the same values
        ObjectMapper mapper = new ObjectMapper();
        List<String> txLines = Files.readAllLines(out);
        assertThat(txLines).hasSize(transactions.size());
        for (int i = 0; i < txLines.size(); i++) {
            JsonNode node = mapper.readTree(txLines.get(i));
            CardTransaction tx = transactions.get(i);
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            assertThat(names).containsExactly("transaction_id", "tx_datetime", "customer_id", "terminal_id", "tx_amount");
            assertThat(node.get("transaction_id").textValue()).isEqualTo(tx.transactionId());
            assertThat(node.get("tx_datetime").textValue()).matches(ISO_SECOND);
            assertThat(Instant.parse(node.get("tx_datetime").textValue())).isEqualTo(tx.txDatetime());
            assertThat(node.get("customer_id").asInt()).isEqualTo(tx.customerId());
            assertThat(node.get("terminal_id").asInt()).isEqualTo(tx.terminalId());
            assertThat(node.get("tx_amount").isNumber()).isTrue();
            assertThat(node.get("tx_amount").decimalValue()).isEqualByComparingTo(tx.txAmount());
        }
        List<String> labelLines = Files.readAllLines(OutputFiles.beside(out).labels());
        assertThat(labelLines).hasSize(labels.size());
        for (int i = 0; i < labelLines.size(); i++) {
            JsonNode node = mapper.readTree(labelLines.get(i));
            FraudLabel label = labels.get(i);
            assertThat(node.get("transaction_id").textValue()).isEqualTo(label.transactionId());
            assertThat(node.get("tx_fraud").intValue()).isEqualTo(label.txFraud());
            assertThat(node.get("tx_fraud_scenario").intValue()).isEqualTo(label.scenario().code());
            assertThat(Instant.parse(node.get("label_time").textValue())).isEqualTo(label.labelTime());
        }
    }

    @Test
    void labelsGoToASiblingFile() {
        assertThat(OutputFiles.beside(Path.of("/data/tx.csv")).labels()).isEqualTo(Path.of("/data/tx.labels.csv"));
        assertThat(OutputFiles.beside(Path.of("out.ndjson")).labels()).isEqualTo(Path.of("out.labels.ndjson"));
        assertThat(OutputFiles.beside(Path.of("events")).labels()).isEqualTo(Path.of("events.labels"));
    }

    private void write(Path out) throws IOException {
        Iterator<SimEvent> merged = mergeBack();
        try (EventSink sink = EventSink.toFile(out)) {
            while (merged.hasNext()) {
                sink.write(merged.next());
            }
        }
    }

    /** Interleaves the events again (order does not matter to the files, only within each kind). */
    private Iterator<SimEvent> mergeBack() {
        List<SimEvent> all = new ArrayList<>(transactions);
        all.addAll(labels);
        return all.iterator();
    }

    private static List<CSVRecord> parseCsv(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            return parser.getRecords();
        }
    }
}
