package dev.flywheel.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/** Writes transactions and labels as two newline-delimited JSON files, one {@link WireFormat} object per line. */
public final class NdjsonEventSink implements EventSink {

    private final BufferedWriter transactions;
    private final BufferedWriter labels;

    public NdjsonEventSink(OutputFiles files) throws IOException {
        this.transactions = Files.newBufferedWriter(files.transactions(), StandardCharsets.UTF_8);
        this.labels = Files.newBufferedWriter(files.labels(), StandardCharsets.UTF_8);
    }

    @Override
    public void write(SimEvent event) throws IOException {
        BufferedWriter writer = event instanceof CardTransaction ? transactions : labels;
        writer.write(WireFormat.json(event));
        writer.write('\n');
    }

    @Override
    public void close() throws IOException {
        try (labels) {
            transactions.close();
        }
    }
}
