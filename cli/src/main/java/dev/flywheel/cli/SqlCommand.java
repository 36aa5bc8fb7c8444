package dev.flywheel.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flywheel sql "SELECT ..."}: read-only SQL over a snapshot of a pipeline's examples (the table is
 * {@code data}); the service refuses a statement that writes, and bounds rows and time.
 */
@Command(name = "sql", description = "Read-only SQL over a pipeline's examples (table: data).")
final class SqlCommand extends ApiCommand {

    @Parameters(paramLabel = "SQL", description = "e.g. \"SELECT count(*) FROM data WHERE tx_amount > 220\"")
    String sql;

    @Option(names = "--from", description = "start of the time range, ISO-8601")
    String from;

    @Option(names = "--to", description = "end of the time range, ISO-8601")
    String to;

    @Option(names = "--max-rows", description = "row limit (the service has its own ceiling)")
    Integer maxRows;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "time limit (the service has its own ceiling)")
    Integer timeoutSeconds;

    @Override
    public Integer call() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("sql", sql);
        request.put("from", from);
        request.put("to", to);
        request.put("maxRows", maxRows);
        request.put("timeoutSeconds", timeoutSeconds);
        return print(api.post(target.pipelineUri(target.training, "/sql"), request), SqlCommand::render);
    }

    static String render(JsonNode result) {
        List<String> names = new ArrayList<>();
        result.path("columns").forEach(column -> names.add(column.path("name").asText()));
        Table table = new Table(names.toArray(String[]::new));
        for (JsonNode row : result.path("rows")) {
            List<Object> cells = new ArrayList<>();
            row.forEach(cells::add);
            table.row(cells.toArray());
        }
        return table.render() + result.path("rows").size() + " row(s)"
                + (result.path("truncated").asBoolean() ? ", more were available (raise --max-rows)" : "")
                + " from a snapshot of " + result.path("snapshotRows").asText() + " rows in "
                + result.path("millis").asText() + " ms\n";
    }
}
