package dev.flywheel.feature.offline;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import dev.flywheel.contracts.event.ExampleLabelled;

/**
 * CSV rows: a header {@code event_id,event_time,<features in spec order>,label}, then one line per example. Event time
 * is ISO-8601 UTC; numbers are Java's shortest round-trip form ({@code 40.0}, {@code 1.0E-5}); a feature the example
 * lacks (the spec gained it later) is an empty cell.
 */
final class CsvExampleWriter implements ExampleRowWriter {

    private final Writer writer;
    private final CSVPrinter printer;
    private final List<String> featureNames;

    CsvExampleWriter(OutputStream out, List<String> featureNames) throws IOException {
        this.featureNames = List.copyOf(featureNames);
        this.writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        List<String> header = new ArrayList<>();
        header.add(EVENT_ID);
        header.add(EVENT_TIME);
        header.addAll(featureNames);
        header.add(LABEL);
        this.printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder()
                .setHeader(header.toArray(String[]::new)).setRecordSeparator('\n').get());
    }

    @Override
    public void write(ExampleLabelled example) throws IOException {
        List<Object> row = new ArrayList<>(featureNames.size() + 3);
        row.add(example.sourceEventId());
        row.add(example.eventTime());
        for (String feature : featureNames) {
            Double value = example.features().get(feature);
            row.add(value == null ? "" : value);
        }
        row.add(example.label());
        printer.printRecord(row);
    }

    @Override
    public void close() throws IOException {
        printer.flush();
        writer.flush();
    }
}
