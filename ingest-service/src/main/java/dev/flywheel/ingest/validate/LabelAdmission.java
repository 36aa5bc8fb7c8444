package dev.flywheel.ingest.validate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.event.LabelReceived;
import dev.flywheel.contracts.spec.FieldViolation;
import dev.flywheel.contracts.spec.LabelSpec;
import dev.flywheel.contracts.spec.LabelType;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.contracts.spec.TimestampFormat;

/**
 * Judges a raw label: a JSON object with the pipeline's event-id field, its label field and,
 * optionally, {@value #LABEL_TIME} (when the truth became known; the arrival time otherwise).
 */
public final class LabelAdmission {

    /** Optional field of a raw label: when the truth became known. */
    public static final String LABEL_TIME = "label_time";

    private LabelAdmission() {
    }

    public static Admission<LabelReceived> admit(PipelineSpec spec, String text, String source, Instant now) {
        return admit(spec, new RawRecord(spec.name(), "label", source, text), now);
    }

    /** The same for a record a streaming reader already parsed. */
    public static Admission<LabelReceived> admit(PipelineSpec spec, JsonNode parsed, String source, Instant now) {
        return admit(spec, RawRecord.parsed(spec.name(), "label", source, parsed), now);
    }

    private static Admission<LabelReceived> admit(PipelineSpec spec, RawRecord raw, Instant now) {
        JsonNode label;
        try {
            label = raw.parse();
        } catch (RawRecord.NotAnObject e) {
            return new Admission.Rejected<>(raw.reject(List.of(e.violation()), now));
        }
        List<FieldViolation> violations = new ArrayList<>();
        Optional<String> target = readId(spec, label, violations);
        Optional<Double> value = readValue(spec.label(), label.get(spec.label().name()), violations);
        Instant labelTime = readTime(label.get(LABEL_TIME), now, violations);
        if (!violations.isEmpty()) {
            return new Admission.Rejected<>(raw.reject(violations, now));
        }
        return new Admission.Accepted<>(new LabelReceived(labelId(spec.name(), target.get(), value.get(), labelTime),
                LabelReceived.SCHEMA_VERSION, spec.name(), target.get(), value.get(), labelTime, now));
    }

    private static Optional<String> readId(PipelineSpec spec, JsonNode label, List<FieldViolation> violations) {
        JsonNode id = label.get(spec.eventIdField());
        if (id == null || id.isNull()) {
            violations.add(new FieldViolation(spec.eventIdField(), FieldViolation.REQUIRED,
                    "required field is missing: the id of the labelled event", id));
            return Optional.empty();
        }
        try {
            return Optional.of(spec.eventId(label));
        } catch (IllegalArgumentException e) {
            violations.add(new FieldViolation(spec.eventIdField(), FieldViolation.TYPE,
                    "expected a string or integer id but got " + id, id));
            return Optional.empty();
        }
    }

    private static Optional<Double> readValue(LabelSpec spec, JsonNode value, List<FieldViolation> violations) {
        if (value == null || value.isNull()) {
            violations.add(new FieldViolation(spec.name(), FieldViolation.REQUIRED, "required field is missing: the label",
                    value));
            return Optional.empty();
        }
        if (spec.type() == LabelType.NUMERIC) {
            if (value.isNumber()) {
                return Optional.of(value.doubleValue());
            }
            violations.add(new FieldViolation(spec.name(), FieldViolation.TYPE, "expected a number but got " + value,
                    value));
            return Optional.empty();
        }
        if (spec.isPositive(value)) {
            return Optional.of(1.0);
        }
        if (isNegativeOfBinary(spec, value)) {
            return Optional.of(0.0);
        }
        violations.add(new FieldViolation(spec.name(), FieldViolation.TYPE, "expected a binary label (positive: "
                + spec.positive().orElse("1") + ", negative: 0 or false) but got " + value, value));
        return Optional.empty();
    }

    /**
     * Numeric and boolean positives have one negative (0 / false); a word positive such as
     * {@code fraud} makes every other word negative ({@code genuine}, {@code legit}).
     */
    private static boolean isNegativeOfBinary(LabelSpec spec, JsonNode value) {
        boolean wordPositive = spec.positive().filter(p -> !p.matches("-?[0-9.]+|true|false")).isPresent();
        return (value.isBoolean() && !value.booleanValue())
                || (value.isNumber() && value.doubleValue() == 0.0)
                || (wordPositive && value.isTextual() && !value.textValue().isBlank());
    }

    private static Instant readTime(JsonNode time, Instant now, List<FieldViolation> violations) {
        if (time == null || time.isNull()) {
            return now;
        }
        Optional<Instant> read = TimestampFormat.read(time);
        if (read.isEmpty()) {
            violations.add(new FieldViolation(LABEL_TIME, FieldViolation.TYPE, "not a timestamp: " + TimestampFormat.EXPECTED,
                    time));
            return now;
        }
        return read.get();
    }

    /** Same label re-sent, same id: consumers drop the duplicate. */
    private static String labelId(String pipeline, String target, double value, Instant labelTime) {
        String identity = pipeline + '|' + target + '|' + value + '|' + labelTime;
        return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
