package dev.flywheel.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.contracts.spec.JdbcSource;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.runtime.PipelineCatalog;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A {@code jdbc} source end to end: a real PostgreSQL table read by the source runner into the events topic, stopped
 * and restarted (a new runner, as after a service restart) with rows added meanwhile, some sharing the last
 * watermark read. Every row is on the committed events topic exactly once.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class JdbcSourceRunnerTest {

    private static final String PIPELINE = "card-fraud";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Instant START = Instant.parse("2024-04-01T08:00:00Z");

    private static EmbeddedPostgres postgres;

    @Inject
    SourceSupervisor supervisor;

    @Inject
    PipelineCatalog catalog;

    @BeforeAll
    static void startPostgres() throws IOException, SQLException {
        postgres = EmbeddedPostgres.start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE transactions (id BIGINT PRIMARY KEY, transaction_id TEXT NOT NULL,"
                    + " tx_datetime TIMESTAMP(6) NOT NULL, customer_id TEXT NOT NULL, terminal_id TEXT NOT NULL,"
                    + " tx_amount NUMERIC(12, 2) NOT NULL, updated_at TIMESTAMP(6) NOT NULL)");
        }
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aRestartedRunnerNeitherSkipsNorRepeatsRows() throws Exception {
        // Given 7 rows, three of them sharing the last watermark, read by a runner in batches of 3
        String prefix = UUID.randomUUID().toString().substring(0, 8);
        insert(prefix, 1, 4, 0);
        insert(prefix, 5, 7, 10);
        JdbcSource source = new JdbcSource("db-" + prefix, Duration.ofHours(1), postgres.getJdbcUrl("postgres", "postgres"),
                "postgres", "", Optional.of("transactions"), Optional.empty(), "updated_at", "id", 3);
        PipelineSpec pipeline = catalog.require(PIPELINE);
        SourceRunner first = supervisor.newRunner(pipeline, source);
        first.start();
        await().atMost(WAIT).until(() -> idleWith(first, 7));
        first.stop();

        // When rows arrive while no runner runs: two more at the last watermark read, two later
        insert(prefix, 8, 9, 10);
        insert(prefix, 10, 11, 20);
        SourceRunner second = supervisor.newRunner(pipeline, source);
        second.start();
        try {
            await().atMost(WAIT).until(() -> idleWith(second, 4));

            // Then the committed events topic holds each of the 11 rows once
            Map<String, Long> counts = CommittedRecords.of(Topics.events(PIPELINE)).stream()
                    .map(EventIngested::eventId).filter(id -> id.startsWith(prefix))
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(counts).hasSize(11);
            assertThat(counts.values()).containsOnly(1L);
            // And the amount came through as the schema's number
            EventIngested one = CommittedRecords.of(Topics.events(PIPELINE)).stream()
                    .filter(e -> e.eventId().equals(prefix + "-1")).findFirst().orElseThrow();
            assertThat(one.payload().get("tx_amount").isNumber()).isTrue();
            assertThat(one.payload().get("tx_amount").doubleValue()).isEqualTo(1.5);
        } finally {
            second.stop();
        }
    }

    /** Rows {@code from..to} of the prefix, all with the watermark {@code START + minutes}. */
    private static void insert(String prefix, int from, int to, int minutes) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO transactions VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            long base = Math.abs((long) prefix.hashCode()) * 1000;
            for (int i = from; i <= to; i++) {
                insert.setLong(1, base + i);
                insert.setString(2, prefix + "-" + i);
                insert.setTimestamp(3, Timestamp.from(START.plusSeconds(i)));
                insert.setString(4, "C" + i);
                insert.setString(5, "T" + i);
                insert.setBigDecimal(6, new java.math.BigDecimal(i + ".5"));
                insert.setTimestamp(7, Timestamp.from(START.plus(Duration.ofMinutes(minutes))));
                insert.executeUpdate();
            }
        }
    }

    private static boolean idleWith(SourceRunner runner, long read) {
        SourceStatus status = runner.status();
        return status.state().equals("idle") && status.read() == read;
    }
}
