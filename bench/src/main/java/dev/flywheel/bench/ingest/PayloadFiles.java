package dev.flywheel.bench.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the request bodies and payloads the ingest benchmarks send, into one directory:
 * <ul>
 *   <li>{@code events.jsonl}: transactions one per line, ProducerPerformance's {@code --payload-file};</li>
 *   <li>{@code batch-<i>.json}: JSON arrays of {@code batchSize} transactions, the bodies wrk rotates among;</li>
 *   <li>{@code singles.jsonl}: one transaction per line, the single-event bodies wrk rotates among.</li>
 * </ul>
 * Ids are unique across all files.
 */
record PayloadFiles(Path dir, int batchSize, int batches, int lines) {

    /** Writes the files and returns a one-line summary (count and mean size of a transaction). */
    String write(long seed) throws IOException {
        Files.createDirectories(dir);
        CardFraudTransactions transactions = new CardFraudTransactions(seed);
        List<String> events = transactions.lines(lines);
        Files.write(dir.resolve("events.jsonl"), events);
        for (int i = 1; i <= batches; i++) {
            Files.writeString(dir.resolve("batch-" + i + ".json"), transactions.batch(batchSize));
        }
        Files.write(dir.resolve("singles.jsonl"), transactions.lines(lines));
        double meanBytes = events.stream().mapToInt(String::length).average().orElse(0);
        return "payloads dir=%s transactions=%d mean-bytes=%.0f batches=%d batch-size=%d"
                .formatted(dir, lines, meanBytes, batches, batchSize);
    }
}
