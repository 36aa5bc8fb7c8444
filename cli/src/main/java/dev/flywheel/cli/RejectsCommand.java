package dev.flywheel.cli;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flywheel rejects}: the newest records ingest refused for a pipeline, from any source (HTTP, uploads, Kafka,
 * pull sources), newest first, one line per reason: field, rule, the value sent and the reason. Read by the monitor
 * from the pipeline's rejected topic ({@code GET /v1/pipelines/<p>/rejects}).
 */
@Command(name = "rejects", description = "The newest rejected records of the pipeline, every source, with reasons.")
final class RejectsCommand extends ApiCommand {

    @Option(names = "--limit", defaultValue = "20", description = "records, 1-500 (default: ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() {
        return print(api.get(target.pipelineUri(target.monitor, "/rejects?limit=" + limit)), RejectsCommand::render);
    }

    static String render(JsonNode page) {
        JsonNode records = page.path("records");
        if (records.size() == 0) {
            return "no rejected records on " + page.path("topic").asText() + "\n";
        }
        Table table = new Table("rejected at", "source", "kind", "field", "rule", "value", "reason");
        for (JsonNode record : records) {
            for (JsonNode violation : record.path("violations")) {
                JsonNode value = violation.path("value");
                table.row(record.path("rejectedAt"), record.path("source"), record.path("kind"),
                        violation.path("field"), violation.path("rule"),
                        value.isMissingNode() || value.isNull() ? "null" : value.isTextual() ? value.toString()
                                : Cells.text(value), violation.path("reason"));
            }
        }
        return table.render() + records.size() + " record(s), newest first, from " + page.path("topic").asText()
                + (page.path("unreadable").asInt() > 0 ? "; " + page.path("unreadable").asInt()
                + " unreadable record(s) skipped" : "") + "\n";
    }
}
