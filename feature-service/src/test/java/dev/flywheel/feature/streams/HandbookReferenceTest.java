package dev.flywheel.feature.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.contracts.event.FeaturesComputed;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.contracts.spec.PipelineSpecs;
import dev.flywheel.feature.store.StoreKind;
import dev.flywheel.simulator.EventSink;
import dev.flywheel.simulator.LabelDelay;
import dev.flywheel.simulator.LabelledEventStream;
import dev.flywheel.simulator.Simulation;
import dev.flywheel.simulator.SimulationConfig;

/**
 * The demo pipeline's 15 features against reference values computed independently, with pandas, exactly as the
 * Fraud Detection Handbook defines them ({@code src/test/python/handbook_features.py}, which also says how to
 * regenerate the committed files in {@code src/test/resources/reference/}).
 *
 * <p>The data: the simulator's card transactions for 200 customers, 400 terminals and 40 days (seed 1) with the
 * standard label delays (frauds known after 1 to 7 days, genuine after 7), written as CSV. Since no label takes
 * longer than the terminal features' 7-day delay, counting only labels known at the event time (as the topology
 * does) and counting every label of the window (as the handbook does) give the same risk.
 */
class HandbookReferenceTest {

    static final SimulationConfig DATASET = SimulationConfig.standard().withPopulation(200, 400).withDays(40)
            .withSeed(1).withLabelDelay(LabelDelay.standard());
    static final Path INPUTS = Path.of("target", "handbook-reference");
    static final Path REFERENCE = Path.of("src", "test", "resources", "reference");
    static final double TOLERANCE = 1e-6;

    final PipelineSpec cardFraud = PipelineSpecs.load(Path.of("..", "pipelines", "card-fraud.yaml"));

    @Test
    void theTopologyComputesTheHandbookBaselineFeatures() throws IOException {
        // Given the simulated dataset as CSV, the very files the reference values were computed from
        writeDataset();
        assertThat(digests()).as("the simulated CSV differs from the one the reference was computed from; "
                        + "regenerate it as src/test/python/handbook_features.py explains")
                .isEqualTo(Files.readString(REFERENCE.resolve("card-fraud-handbook-inputs.sha256")));
        List<Input> inputs = readInputs();

        // When the card-fraud topology reads its rows in time order
        Map<String, FeaturesComputed> vectors;
        int examples;
        // In-memory stores: the driver commits after every record, and RocksDB would flush to disk 30,000 times.
        try (FeatureDriver driver = new FeatureDriver(cardFraud, StoreKind.IN_MEMORY)) {
            inputs.forEach(input -> input.pipeInto(driver));
            vectors = driver.vectors();
            examples = driver.examples().size();
        }

        // Then every transaction has one vector and one example, and the sampled vectors match pandas
        long transactions = inputs.stream().filter(input -> input.event() != null).count();
        assertThat(vectors).hasSize((int) transactions);
        assertThat(examples).as("every label arrives within maxDelay").isEqualTo(transactions);
        List<String> mismatches = new ArrayList<>();
        int rows = 0;
        try (Reader reader = Files.newBufferedReader(REFERENCE.resolve("card-fraud-handbook-features.csv"))) {
            for (CSVRecord row : csv().parse(reader)) {
                rows++;
                FeaturesComputed vector = vectors.get(row.get("transaction_id"));
                for (String feature : row.getParser().getHeaderNames().subList(1, row.size())) {
                    double expected = Double.parseDouble(row.get(feature));
                    double actual = vector.features().get(feature);
                    if (Math.abs(expected - actual) > TOLERANCE) {
                        mismatches.add(row.get("transaction_id") + " " + feature + ": pandas " + expected
                                + ", topology " + actual);
                    }
                }
            }
        }
        assertThat(rows).as("reference rows").isGreaterThan(3000);
        assertThat(mismatches).as("features differing by more than %s", TOLERANCE).isEmpty();
    }

    private static void writeDataset() throws IOException {
        Files.createDirectories(INPUTS);
        Simulation simulation = new Simulation(DATASET);
        try (EventSink sink = EventSink.toFile(INPUTS.resolve("transactions.csv"))) {
            LabelledEventStream events = simulation.events();
            while (events.hasNext()) {
                sink.write(events.next());
            }
        }
    }

    /** In the format of {@code sha256sum}, as the Python script writes it. */
    private static String digests() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (String name : List.of("transactions.csv", "transactions.labels.csv")) {
            lines.append(sha256(INPUTS.resolve(name))).append("  ").append(name).append('\n');
        }
        return lines.toString();
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Transactions and labels merged by time; a label known at a transaction's very time is read first. */
    private List<Input> readInputs() throws IOException {
        List<Input> inputs = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(INPUTS.resolve("transactions.csv"), StandardCharsets.UTF_8)) {
            for (CSVRecord row : csv().parse(reader)) {
                ObjectNode payload = Json.mapper().createObjectNode();
                payload.put("transaction_id", row.get("transaction_id"));
                payload.put("tx_datetime", row.get("tx_datetime"));
                payload.put("customer_id", row.get("customer_id"));
                payload.put("terminal_id", row.get("terminal_id"));
                payload.put("tx_amount", new BigDecimal(row.get("tx_amount")));
                Instant time = cardFraud.eventTime(payload);
                inputs.add(new Input(time, 1, EventIngested.of(cardFraud.eventId(payload), cardFraud.name(), time, time,
                        "file", payload), null));
            }
        }
        Path labels = INPUTS.resolve("transactions.labels.csv");
        try (Reader reader = Files.newBufferedReader(labels, StandardCharsets.UTF_8)) {
            for (CSVRecord row : csv().parse(reader)) {
                inputs.add(new Input(Instant.parse(row.get("label_time")), 0, null,
                        new LabelRow(row.get("transaction_id"), Double.parseDouble(row.get("tx_fraud")))));
            }
        }
        inputs.sort(Comparator.comparing(Input::time).thenComparingInt(Input::order));
        return inputs;
    }

    private static CSVFormat csv() {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
    }

    record LabelRow(String transactionId, double value) {
    }

    /** One CSV row in the merged time order; exactly one of {@code event} and {@code label} is set. */
    record Input(Instant time, int order, EventIngested event, LabelRow label) {

        void pipeInto(FeatureDriver driver) {
            if (event != null) {
                driver.pipe(event);
            } else {
                driver.label(label.transactionId(), label.value(), time);
            }
        }
    }
}
