package dev.flywheel.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes transactions and labels as two CSV files with a header row (RFC 4180, {@link WireFormat} columns). */
public final class CsvEventSink implements EventSink {

    private final CSVPrinter transactions;
    private final CSVPrinter labels;

    public CsvEventSink(OutputFiles files) throws IOException {
        this.transactions = open(files.transactions(), WireFormat.TRANSACTION_FIELDS);
        this.labels = open(files.labels(), WireFormat.LABEL_FIELDS);
    }

    private static CSVPrinter open(Path path, List<String> header) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get()
                .print(Files.newBufferedWriter(path, StandardCharsets.UTF_8));
    }

    @Override
    public void write(SimEvent event) throws IOException {
        CSVPrinter printer = event instanceof CardTransaction ? transactions : labels;
        printer.printRecord(WireFormat.fields(event).values());
    }

    @Override
    public void close() throws IOException {
        try (labels) {
            transactions.close();
        }
    }
}
