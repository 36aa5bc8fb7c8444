package dev.flywheel.cli;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;

/**
 * {@code flywheel reconcile}: the monitor's reconciliation of a pipeline (its topics counted by event id) as a
 * table: per stream the records, distinct ids, duplicated ids and ids missing against the stream before it.
 * Exits 1 when the pipeline does not balance (a duplicate, or an accepted event without its vector), so a script
 * or a cron job can alert on it.
 */
@Command(name = "reconcile", description = "Events in vs accepted + rejected vs vectors vs predictions vs outcomes.")
final class ReconcileCommand extends ApiCommand {

    private static final List<String> STREAMS = List.of("events", "labels", "features", "predictions", "outcomes");

    @Override
    public Integer call() {
        JsonNode report = api.get(target.pipelineUri(target.monitor, "/reconciliation"));
        print(report, ReconcileCommand::render);
        return report.path("balanced").asBoolean() ? ExitCode.OK : ExitCode.FAILED;
    }

    static String render(JsonNode report) {
        Table table = new Table("stream", "records", "distinct ids", "duplicated ids", "missing", "e.g.");
        table.row("raw events (Kafka)", report.path("rawEvents").asLong(), null, null, null, null);
        table.row("rejected events", report.path("rejectedEvents").asLong(), null, null, null, null);
        for (String stream : STREAMS) {
            JsonNode count = report.path(stream);
            JsonNode example = count.path("duplicates").isEmpty() ? count.path("missingSample").path(0)
                    : count.path("duplicates").path(0);
            table.row(stream, count.path("records").asLong(), count.path("distinctIds").asLong(),
                    count.path("duplicateIds").asLong(),
                    count.path("missing").isNull() ? null : count.path("missing").asLong(),
                    example.isMissingNode() ? null : example.asText());
        }
        return table.render() + (report.path("balanced").asBoolean() ? "balanced" : "NOT balanced")
                + (report.path("truncated").asBoolean() ? " (partial: a topic exceeded the monitor's max-records)" : "")
                + ", read in " + report.path("readMillis").asText() + " ms\n";
    }
}
