package dev.flywheel.feature.offline;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;

/** The file formats an export writes; Parquet is left out (see the README's "Offline export"). */
public enum ExportFormat {

    /** One header line, then one line per example; RFC 4180 quoting. */
    CSV("text/csv", "csv"),
    /** One JSON object per line: {@code event_id}, {@code event_time}, {@code features} (spec order), {@code label}. */
    NDJSON("application/x-ndjson", "ndjson");

    private final String mediaType;
    private final String extension;

    ExportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** The format named {@code name} (case ignored); the error names the field and the formats there are. */
    public static ExportFormat named(String name) {
        for (ExportFormat format : values()) {
            if (format.extension.equals(name.toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        throw new IllegalArgumentException("format must be csv or ndjson but was '" + name + "'");
    }

    /** A writer of rows in this format, holding one column per feature of {@code featureNames}. */
    public ExampleRowWriter open(OutputStream out, List<String> featureNames) throws IOException {
        return this == CSV ? new CsvExampleWriter(out, featureNames) : new NdjsonExampleWriter(out, featureNames);
    }
}
