package dev.flywheel.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flywheel profile}: the data profile of a pipeline's examples, as a table or the HTML report. */
@Command(name = "profile", description = "Profile a pipeline's examples: per-column statistics, or the HTML report.")
final class ProfileCommand extends ApiCommand {

    @Option(names = "--from", description = "start of the time range, ISO-8601")
    String from;

    @Option(names = "--to", description = "end of the time range, ISO-8601")
    String to;

    @Option(names = "--html", paramLabel = "FILE", description = "write the HTML report (with charts) to FILE")
    Path html;

    @Override
    public Integer call() throws IOException {
        String query = (from == null ? "" : "&from=" + Target.encode(from)) + (to == null ? "" : "&to=" + Target.encode(to));
        query = query.isEmpty() ? "" : "?" + query.substring(1);
        if (html != null) {
            String report = api.getText(target.pipelineUri(target.training, "/profile.html" + query));
            Files.writeString(html, report, StandardCharsets.UTF_8);
            out().println("report written to " + html.toAbsolutePath() + " (" + report.length() + " characters)");
            return ExitCode.OK;
        }
        return print(api.get(target.pipelineUri(target.training, "/profile" + query)), profile -> {
            Table table = new Table("column", "kind", "count", "null %", "distinct", "mean", "std", "min", "median",
                    "max");
            for (JsonNode column : profile.path("columns")) {
                table.row(column.path("name"), column.path("kind"), column.path("count"),
                        column.path("nullShare").asDouble() * 100, column.path("distinct"), column.path("mean"),
                        column.path("std"), column.path("min"), column.path("median"), column.path("max"));
            }
            return profile.path("rows").asText() + " rows (" + profile.path("source").asText() + ")\n" + table.render();
        });
    }
}
