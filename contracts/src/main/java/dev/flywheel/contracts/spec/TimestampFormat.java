package dev.flywheel.contracts.spec;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The accepted forms of a {@link FieldType#TIMESTAMP} value: an ISO-8601 instant string with a zone
 * ({@code 2018-04-01T00:00:31Z}, {@code 2018-04-01T02:00:31+02:00}) or an integer of epoch milliseconds.
 * A local date-time without a zone is refused: it would be read differently on differently configured hosts.
 */
public final class TimestampFormat {

    public static final String EXPECTED = "expected ISO-8601 like 2018-04-01T00:00:00Z or epoch milliseconds";

    private TimestampFormat() {
    }

    public static Optional<Instant> read(JsonNode value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.isTextual()) {
            try {
                return Optional.of(Instant.parse(value.textValue()));
            } catch (DateTimeParseException notIso) {
                return Optional.empty();
            }
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            try {
                return Optional.of(Instant.ofEpochMilli(value.longValue()));
            } catch (DateTimeException outOfRange) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
