package dev.flywheel.training.rest;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;

import dev.flywheel.training.eda.SqlResult;
import dev.flywheel.training.eda.SqlSnapshot;

/**
 * Read-only SQL over an uploaded CSV (header row, types sniffed by DuckDB) as table {@code data}; the
 * statement in {@code sql}, limits and refusals as for a pipeline ({@link SqlResource}).
 */
@Authenticated
@Path("/v1/sql")
@Blocking
public class UploadSqlResource {

    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    public SqlResult upload(InputStream body, @QueryParam("sql") String sql, @QueryParam("maxRows") Integer maxRows,
                            @QueryParam("timeoutSeconds") Integer timeoutSeconds) {
        if (sql == null || sql.isBlank()) {
            throw new BadRequestException(ProfileResource.problem("query parameter sql is missing"));
        }
        try (SqlSnapshot snapshot = SqlSnapshot.ofCsv(body)) {
            return SqlResource.run(snapshot, sql, maxRows, timeoutSeconds);
        } catch (SQLException e) {
            throw new BadRequestException(ProfileResource.problem("the CSV cannot be loaded: " + e.getMessage()));
        } catch (IOException e) {
            throw new BadRequestException(ProfileResource.problem("the CSV cannot be read: " + e.getMessage()));
        }
    }
}
