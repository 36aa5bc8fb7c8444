package dev.flywheel.ingest.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;



/**
 * Reads {@code text/csv} or {@code text/tab-separated-values} with a header row, row by row (Commons
 * CSV), and gives each row as a JSON object typed by {@link RowCoercion}. A row with more or fewer cells
 * than the header is refused at its index, and so is one with bytes that are not UTF-8; a broken quote
 * stops the reading there. A row with bytes that are not UTF-8 is refused on its own. Indexes count data rows from 0 (the header is not one).
 */
final class CsvRowReader implements RecordReader {

    /** What the decoder puts in place of bytes that are not UTF-8. */
    private static final char NOT_UTF8 = '\uFFFD';

    private final CSVParser parser;
    private final Iterator<CSVRecord> rows;
    private final List<String> header;
    private final RowCoercion coercion;
    private final char delimiter;
    private int index;

    CsvRowReader(InputStream in, char delimiter, RowCoercion coercion) throws UnreadableInput {
        this.coercion = coercion;
        this.delimiter = delimiter;
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setDelimiter(delimiter)
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
                .setAllowMissingColumnNames(false)
                .get();
        try {
            // Bytes that are not UTF-8 become U+FFFD, and the row holding one is refused on its own: a
            // reporting decoder would stop the whole file there, and one bad row should not.
            var utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            this.parser = CSVParser.parse(new InputStreamReader(withoutBom(in), utf8), format);
        } catch (IllegalArgumentException | IOException | UncheckedIOException e) {
            throw new UnreadableInput(0, "csv", "the header row cannot be read: " + e.getMessage(), e);
        }
        this.header = parser.getHeaderNames();
        if (header.isEmpty()) {
            throw new UnreadableInput(0, "csv", "the body has no header row; the first line must name the columns", null);
        }
        this.rows = parser.iterator();
    }

    @Override
    public SourceRecord next() throws UnreadableInput {
        CSVRecord row;
        try {
            if (!rows.hasNext()) {
                return null;
            }
            row = rows.next();
        } catch (UncheckedIOException | IllegalStateException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new UnreadableInput(index, "csv", "row " + (index + 1) + " (near line " + parser.getCurrentLineNumber()
                    + ") cannot be read: " + describe(cause), cause);
        }
        int at = index++;
        if (row.size() != header.size()) {
            return SourceRecord.refused(at, "columns", "row " + (at + 1) + " (line " + lineOf(row) + ") has " + row.size()
                    + " cells but the header has " + header.size() + " columns", asRead(row));
        }
        if (row.stream().anyMatch(cell -> cell.indexOf(NOT_UTF8) >= 0)) {
            return SourceRecord.refused(at, "encoding", "row " + (at + 1) + " (line " + lineOf(row) + ") is not valid UTF-8", asRead(row));
        }
        return SourceRecord.parsed(at, coercion.coerce(header, row.toList()), sizeBound(row));
    }

    private long lineOf(CSVRecord row) {
        // Commons CSV knows the line after the record; a record spans one line unless a quoted cell broke it.
        return parser.getCurrentLineNumber();
    }

    private static String describe(Throwable cause) {
        return cause.getMessage();
    }

    /** Drops a UTF-8 byte-order mark, which spreadsheets write and which would stick to the first column's name. */
    private static InputStream withoutBom(InputStream in) throws IOException {
        PushbackInputStream pushback = new PushbackInputStream(in, 3);
        byte[] head = pushback.readNBytes(3);
        boolean bom = head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
        if (!bom) {
            pushback.unread(head);
        }
        return pushback;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    /**
     * At most the row's size as UTF-8 JSON: every cell and column name escaped to at most 6 bytes per char, plus
     * quotes, colon and comma.
     */
    private long sizeBound(CSVRecord row) {
        long chars = 2;
        for (int i = 0; i < row.size(); i++) {
            chars += header.get(i).length() + row.get(i).length() + 6;
        }
        return chars * 6;
    }

    /** The row's cells as read, joined by the format's delimiter: what a rejection keeps of a refused row. */
    private String asRead(CSVRecord row) {
        return String.join(String.valueOf(delimiter), row.toList());
    }
}
