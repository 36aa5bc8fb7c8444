package dev.flywheel.training.rest;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;

import dev.flywheel.training.eda.PipelineProfiles;
import dev.flywheel.training.eda.SqlRefusedException;
import dev.flywheel.training.eda.SqlResult;
import dev.flywheel.training.eda.SqlSnapshot;

/**
 * Read-only SQL (DuckDB) over a snapshot of a pipeline's examples in an event-time range, as table
 * {@code data}: {@code event_id}, {@code event_time}, one column per feature, the label. Each request gets
 * its own snapshot, deleted afterwards; uploaded files: {@link UploadSqlResource}. 400 with the reason for anything but one read-only query, for a
 * query the database refuses, and for one that outruns the time limit.
 */
@Authenticated
@Path("/v1/pipelines/{pipeline}/sql")
@Blocking
public class SqlResource {

    /** Longest a query may run, and most rows it may return, when the request does not ask for less. */
    static final Duration TIME_LIMIT = Duration.ofSeconds(30);
    static final int ROW_LIMIT = 1000;
    static final int MAX_ROW_LIMIT = 10_000;

    private final PipelineProfiles profiles;

    public SqlResource(PipelineProfiles profiles) {
        this.profiles = profiles;
    }

    /**
     * @param sql            one read-only statement over table {@code data}
     * @param from           ISO-8601 instant, inclusive (optional)
     * @param to             ISO-8601 instant, exclusive (optional)
     * @param maxRows        rows returned at most (default 1000, at most 10000)
     * @param timeoutSeconds time limit (default and at most 30)
     */
    public record SqlRequest(String sql, String from, String to, Integer maxRows, Integer timeoutSeconds) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public SqlResult query(@PathParam("pipeline") String pipeline, SqlRequest request) {
        if (request == null || request.sql() == null || request.sql().isBlank()) {
            throw new BadRequestException(ProfileResource.problem("sql is missing: send {\"sql\": \"SELECT ...\"}"));
        }
        PipelineProfiles.ExampleRows rows = profiles.rows(pipeline, instant("from", request.from()),
                instant("to", request.to()));
        try (SqlSnapshot snapshot = SqlSnapshot.ofExamples(rows.spec().featureNames(), rows.spec().label().name(),
                rows.rows())) {
            return run(snapshot, request.sql(), request.maxRows(), request.timeoutSeconds());
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("the snapshot of " + pipeline + " could not be written: " + e.getMessage(), e);
        }
    }

    static SqlResult run(SqlSnapshot snapshot, String sql, Integer maxRows, Integer timeoutSeconds) {
        int rows = maxRows == null ? ROW_LIMIT : maxRows;
        if (rows < 1 || rows > MAX_ROW_LIMIT) {
            throw new BadRequestException(ProfileResource.problem("maxRows " + rows + " is not between 1 and "
                    + MAX_ROW_LIMIT));
        }
        long seconds = timeoutSeconds == null ? TIME_LIMIT.toSeconds() : timeoutSeconds;
        if (seconds < 1 || seconds > TIME_LIMIT.toSeconds()) {
            throw new BadRequestException(ProfileResource.problem("timeoutSeconds " + seconds + " is not between 1 and "
                    + TIME_LIMIT.toSeconds()));
        }
        try {
            return snapshot.query(sql, Duration.ofSeconds(seconds), rows);
        } catch (SqlRefusedException e) {
            throw new BadRequestException(ProfileResource.problem(e.getMessage()));
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(ProfileResource.problem(name + " '" + value
                    + "' is not an ISO-8601 instant such as 2026-11-01T00:00:00Z"));
        }
    }
}
