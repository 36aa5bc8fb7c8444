package dev.flywheel.ingest.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

import dev.flywheel.ingest.source.jdbc.JdbcPosition.Type;
import dev.flywheel.ingest.source.jdbc.JdbcPosition.Value;

/** The position text round-trips exactly, and text that is not a position is refused with the reason. */
class JdbcPositionTest {

    @Test
    void roundTripsEveryTypeExactly() {
        // Given positions of each type, when written and read back, then they are equal
        JdbcPosition timestamp = new JdbcPosition(Value.timestamp(LocalDateTime.parse("2024-01-31T10:15:30.000001")),
                new Value(Type.INTEGER, "9223372036854775808"));
        JdbcPosition decimal = new JdbcPosition(new Value(Type.DECIMAL, "12345678901234567890.000001"),
                new Value(Type.TEXT, "O'Brien \"quoted\" ünïcode"));
        JdbcPosition date = new JdbcPosition(new Value(Type.DATE, "2024-02-29"),
                new Value(Type.OTHER, "3f0e8f0c-8d2a-4c1e-9a53-0d2f7a1b9c11"));

        assertThat(JdbcPosition.parse(timestamp.toJson())).isEqualTo(timestamp);
        assertThat(JdbcPosition.parse(decimal.toJson())).isEqualTo(decimal);
        assertThat(JdbcPosition.parse(date.toJson())).isEqualTo(date);
        assertThat(timestamp.toJson()).isEqualTo("{\"watermark\":{\"type\":\"timestamp\",\"value\":"
                + "\"2024-01-31T10:15:30.000001Z\"},\"key\":{\"type\":\"integer\",\"value\":\"9223372036854775808\"}}");
    }

    @Test
    void refusesTextThatIsNotAPosition() {
        assertThatThrownBy(() -> JdbcPosition.parse("not json")).hasMessageStartingWith("position: not valid JSON");
        assertThatThrownBy(() -> JdbcPosition.parse("[]")).hasMessageStartingWith("position: expected a JSON object");
        assertThatThrownBy(() -> JdbcPosition.parse("{\"watermark\":{\"type\":\"instant\",\"value\":\"x\"},"
                + "\"key\":{\"type\":\"text\",\"value\":\"a\"}}"))
                .hasMessage("position: watermark has unknown type 'instant'");
        assertThatThrownBy(() -> JdbcPosition.parse("{\"watermark\":{\"type\":\"timestamp\",\"value\":\"yesterday\"},"
                + "\"key\":{\"type\":\"text\",\"value\":\"a\"}}"))
                .hasMessage("position: watermark 'yesterday' is not a valid timestamp");
        assertThatThrownBy(() -> JdbcPosition.parse("{\"watermark\":{\"type\":\"date\",\"value\":\"2024-01-01\"},"
                + "\"key\":{\"type\":\"integer\",\"value\":\"1.5\"}}"))
                .hasMessage("position: key '1.5' is not a valid integer");
    }
}
