package dev.flywheel.simulator;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Where simulated events go: transactions to one destination, labels to another. */
public interface EventSink extends Closeable {

    void write(SimEvent event) throws IOException;

    /**
     * A file sink chosen by the extension of {@code transactionsFile}: {@code .csv} or
     * {@code .ndjson}/{@code .jsonl}. Labels go to the sibling file named by {@link OutputFiles#beside}.
     */
    static EventSink toFile(Path transactionsFile) throws IOException {
        String name = transactionsFile.getFileName().toString().toLowerCase(Locale.ROOT);
        OutputFiles files = OutputFiles.beside(transactionsFile);
        if (name.endsWith(".csv")) {
            return new CsvEventSink(files);
        }
        if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
            return new NdjsonEventSink(files);
        }
        throw new IllegalArgumentException("output file must end in .csv, .ndjson or .jsonl: " + transactionsFile);
    }
}
