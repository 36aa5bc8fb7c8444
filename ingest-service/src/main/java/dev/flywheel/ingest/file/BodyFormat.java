package dev.flywheel.ingest.file;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;

import dev.flywheel.contracts.spec.PipelineSpec;

/**
 * The forms a body or an uploaded file can take, how each is recognised (media type, {@code format}
 * parameter, file extension) and the streaming reader for each.
 */
public enum BodyFormat {
    JSON("application/json", "json"),
    NDJSON("application/x-ndjson", "ndjson"),
    CSV("text/csv", "csv"),
    TSV("text/tab-separated-values", "tsv");

    /** What a 415 answer lists. */
    public static final String SUPPORTED = "application/json, application/x-ndjson, text/csv, text/tab-separated-values";

    private final String mediaType;
    private final String shortName;

    BodyFormat(String mediaType, String shortName) {
        this.mediaType = mediaType;
        this.shortName = shortName;
    }

    public String mediaType() {
        return mediaType;
    }

    public String shortName() {
        return shortName;
    }

    /** The format of a Content-Type header, parameters such as {@code charset} ignored. */
    public static Optional<BodyFormat> ofMediaType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "application/json" -> Optional.of(JSON);
            case "application/x-ndjson", "application/ndjson", "application/jsonl", "application/jsonlines" ->
                    Optional.of(NDJSON);
            case "text/csv" -> Optional.of(CSV);
            case "text/tab-separated-values" -> Optional.of(TSV);
            default -> Optional.empty();
        };
    }

    /** The format named by a {@code format} parameter or a file extension: json, ndjson/jsonl, csv, tsv. */
    public static Optional<BodyFormat> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "json" -> Optional.of(JSON);
            case "ndjson", "jsonl" -> Optional.of(NDJSON);
            case "csv" -> Optional.of(CSV);
            case "tsv", "tab" -> Optional.of(TSV);
            default -> Optional.empty();
        };
    }

    /** The format of a file name's extension, e.g. {@code transactions.csv}. */
    public static Optional<BodyFormat> ofFileName(String fileName) {
        if (fileName == null || fileName.lastIndexOf('.') < 0) {
            return Optional.empty();
        }
        return named(fileName.substring(fileName.lastIndexOf('.') + 1));
    }

    /**
     * A reader over {@code in}; {@code maxRecordBytes} bounds one NDJSON line. A CSV's header is read
     * here, so a missing one fails at once.
     */
    public RecordReader open(InputStream in, PipelineSpec spec, RecordKind kind, int maxRecordBytes)
            throws UnreadableInput {
        try {
            return switch (this) {
                case JSON -> new JsonRecordReader(in);
                case NDJSON -> new NdjsonRecordReader(in, maxRecordBytes);
                case CSV -> new CsvRowReader(in, ',', new RowCoercion(spec, kind));
                case TSV -> new CsvRowReader(in, '\t', new RowCoercion(spec, kind));
            };
        } catch (IOException e) {
            throw new UnreadableInput(0, "read", "the body could not be read: " + e.getMessage(), e);
        }
    }
}
