package dev.flywheel.contracts.spec;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
            return read(value.textValue());
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

    /** An ISO-8601 instant with a zone, as {@link Instant#parse} reads it; empty when it is not one. */
    public static Optional<Instant> read(String text) {
        Instant utc = readUtc(text);
        if (utc != null) {
            return Optional.of(utc);
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException notIso) {
            return Optional.empty();
        }
    }

    private static final int[] NANOS_PER_DIGIT = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    /**
     * The common shape {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} read directly; null for any other text, which
     * {@link Instant#parse} then judges. Written by hand because every event's time is read on the ingest path
     * and the JDK's general formatter took a seventh of the service's CPU there (profiled); the result is
     * the same instant ({@code TimestampFormatTest} compares the two on many values).
     */
    static Instant readUtc(String text) {
        int length = text.length();
        if (length < 20 || length == 21 || length > 30 || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = 0;
        if (length > 20) {
            int fraction = text.charAt(19) == '.' ? digits(text, 20, length - 1) : -1;
            if (fraction < 0) {
                return null;
            }
            nanos = fraction * NANOS_PER_DIGIT[length - 21];
        }
        // Out-of-range fields (and leap seconds, which Instant.parse smooths) are left to the JDK to judge.
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return null;
        }
        return LocalDate.of(year, month, day).atTime(hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
    }

    /** The decimal number of {@code text[from, to)}, or -1 when any of it is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int number = 0;
        for (int i = from; i < to; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            number = number * 10 + digit;
        }
        return number;
    }
}
