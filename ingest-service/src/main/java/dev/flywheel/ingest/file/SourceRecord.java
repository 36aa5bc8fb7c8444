package dev.flywheel.ingest.file;

import dev.flywheel.contracts.spec.FieldViolation;

/**
 * One record read from a body or file, by its position: the JSON text to admit, or the problem that
 * refused it before admission (a ragged CSV row, a line that is not UTF-8, a record over the size limit).
 *
 * @param index   position in the input: array element, NDJSON line or CSV data row, from 0
 * @param text    the record as a JSON object's text; null when {@code problem} is set
 * @param problem why the record could not even be read; null when {@code text} is set
 */
public record SourceRecord(int index, String text, FieldViolation problem) {

    public static SourceRecord of(int index, String text) {
        return new SourceRecord(index, text, null);
    }

    /** @param rule the violation's rule keyword: {@code columns}, {@code encoding}, {@code size}, {@code json} */
    public static SourceRecord refused(int index, String rule, String reason) {
        return new SourceRecord(index, null, new FieldViolation("$", rule, reason, null));
    }

    public boolean isRefused() {
        return problem != null;
    }
}
