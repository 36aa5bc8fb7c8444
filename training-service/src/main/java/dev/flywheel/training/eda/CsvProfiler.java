package dev.flywheel.training.eda;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Profiles a CSV with a header row, streaming: the first {@code SNIFF_ROWS} rows decide which columns are
 * numeric (every non-NULL cell parses as a number), then every row goes to a {@link DatasetProfiler}. A later
 * cell of a numeric column that is not a number is counted as {@code unparsable} and taken as NULL. NULL
 * spellings are pandas' usual ones: empty, {@code NA}, {@code NaN}, {@code null}, {@code NULL}, {@code N/A}.
 */
public final class CsvProfiler {

    static final int SNIFF_ROWS = 1000;
    private static final Set<String> NULLS = Set.of("", "NA", "N/A", "NaN", "nan", "null", "NULL", "None");

    private CsvProfiler() {
    }

    /**
     * @param labelColumn a numeric column holding a 0/1 label, or null
     * @throws IllegalArgumentException for a file without a header, with a duplicate or empty column name, a
     *                                  ragged row, or a label column that is missing or not numeric
     */
    public static DatasetProfile profile(Reader csv, String labelColumn, ProfileOptions options, String source)
            throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setAllowDuplicateHeaderNames(false).setIgnoreSurroundingSpaces(true).get();
        try (CSVParser parser = CSVParser.parse(csv, format)) {
            List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) {
                throw new IllegalArgumentException("the CSV has no header row");
            }
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).isBlank()) {
                    throw new IllegalArgumentException("column " + (i + 1) + " of the CSV header has no name");
                }
            }
            Iterator<CSVRecord> records = parser.iterator();
            List<String[]> sniffed = new ArrayList<>();
            while (sniffed.size() < SNIFF_ROWS && records.hasNext()) {
                sniffed.add(cells(records.next(), header.size()));
            }
            boolean[] numeric = new boolean[header.size()];
            for (int c = 0; c < header.size(); c++) {
                numeric[c] = true;
                for (String[] row : sniffed) {
                    if (row[c] != null && Double.isNaN(parse(row[c]))) {
                        numeric[c] = false;
                        break;
                    }
                }
            }
            if (labelColumn != null && !header.contains(labelColumn)) {
                throw new IllegalArgumentException("label column '" + labelColumn + "' is not in the CSV header "
                        + header);
            }
            DatasetProfiler profiler = new DatasetProfiler(header, numeric, labelColumn, options);
            double[] values = new double[profiler.numericColumns().size()];
            for (String[] row : sniffed) {
                add(profiler, numeric, row, values);
            }
            while (records.hasNext()) {
                add(profiler, numeric, cells(records.next(), header.size()), values);
            }
            return profiler.finish(source);
        }
    }

    private static String[] cells(CSVRecord record, int columns) {
        if (record.size() != columns) {
            throw new IllegalArgumentException("CSV line " + record.getParser().getCurrentLineNumber() + " has "
                    + record.size() + " cells but the header has " + columns);
        }
        String[] cells = new String[columns];
        for (int c = 0; c < columns; c++) {
            String cell = record.get(c);
            cells[c] = NULLS.contains(cell) ? null : cell;
        }
        return cells;
    }

    private static void add(DatasetProfiler profiler, boolean[] numeric, String[] row, double[] values) {
        int n = 0;
        for (int c = 0; c < row.length; c++) {
            if (!numeric[c]) {
                profiler.addText(c, row[c]);
                continue;
            }
            double value = row[c] == null ? Double.NaN : parse(row[c]);
            if (row[c] != null && Double.isNaN(value)) {
                profiler.countUnparsable(c);
            }
            values[n++] = value;
        }
        profiler.addRow(values);
    }

    /** The number in a cell; NaN when it is not a finite number. */
    private static double parse(String cell) {
        try {
            double value = Double.parseDouble(cell);
            return Double.isFinite(value) ? value : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
