package dev.flywheel.cli;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.json.Json;
import picocli.CommandLine.Command;

/**
 * {@code flywheel status}: is each service up (its readiness check), and which model serves the pipeline. Exits 3
 * when a service does not answer, 1 when one answers not ready.
 */
@Command(name = "status", description = "Each service's readiness and the pipeline's champion.")
final class StatusCommand extends ApiCommand {

    @Override
    public Integer call() {
        record Service(String name, String url) {
        }
        List<Service> services = List.of(new Service("ingest", target.ingest), new Service("feature", target.feature),
                new Service("training", target.training), new Service("inference", target.inference),
                new Service("monitor", target.monitor));
        ObjectNode answer = Json.mapper().createObjectNode();
        Table table = new Table("service", "url", "ready", "detail");
        int status = ExitCode.OK;
        for (Service service : services) {
            ObjectNode entry = answer.putObject(service.name());
            entry.put("url", service.url());
            try {
                JsonNode health = api.get(Target.uri(service.url(), "/q/health/ready"));
                entry.put("ready", "UP".equals(health.path("status").asText()));
                table.row(service.name(), service.url(), health.path("status"), "");
            } catch (Api.Unreachable e) {
                entry.put("ready", false);
                entry.put("detail", "not answering");
                table.row(service.name(), service.url(), "DOWN", "not answering");
                status = Math.max(status, ExitCode.UNREACHABLE);
            } catch (Api.Failure e) {
                entry.put("ready", false);
                entry.put("detail", e.getMessage());
                table.row(service.name(), service.url(), "DOWN", shorten(e.getMessage()));
                status = Math.max(status, ExitCode.FAILED);
            }
        }
        String champion = champion();
        answer.put("pipeline", target.pipeline);
        answer.put("champion", champion);
        print(answer, a -> table.render() + "pipeline " + target.pipeline + ": champion "
                + (champion == null ? "unknown (training-service not answering)" : champion) + "\n");
        return status;
    }

    private String champion() {
        try {
            JsonNode listing = api.get(target.pipelineUri(target.training, "/models"));
            return listing.hasNonNull("promotedVersion") ? "version " + listing.path("promotedVersion").asText()
                    : "none yet";
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
