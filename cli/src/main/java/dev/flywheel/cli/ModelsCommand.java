package dev.flywheel.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flywheel models list|show|promote|rollback}: registry versions and the champion alias. */
@Command(name = "models", description = "Registered model versions; promote one or roll the champion back.",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Show.class, ModelsCommand.Promote.class,
                ModelsCommand.Rollback.class})
final class ModelsCommand {

    private ModelsCommand() {
    }

    @Command(name = "list", description = "Every version with its held-out metrics; * marks the champion.")
    static final class ListModels extends ApiCommand {
        @Override
        public Integer call() {
            return print(api.get(target.pipelineUri(target.training, "/models")), listing -> {
                Table table = new Table("version", "champion", "candidate", "type", "trigger", "created",
                        "average_precision", "roc_auc");
                for (JsonNode version : listing.path("versions")) {
                    table.row(version.path("version"), version.path("promoted").asBoolean() ? "*" : "",
                            version.path("candidate"), version.path("modelType"), version.path("trigger"),
                            version.path("createdAt"), version.at("/metrics/average_precision"),
                            version.at("/metrics/roc_auc"));
                }
                return table.isEmpty() ? "no versions yet; train one with: flywheel train\n" : table.render();
            });
        }
    }

    @Command(name = "show", description = "One version's metadata (JSON).")
    static final class Show extends ApiCommand {
        @Parameters(paramLabel = "VERSION")
        String version;

        @Override
        public Integer call() {
            out().println(pretty(api.get(target.pipelineUri(target.training, "/models/" + Target.encode(version)))));
            return ExitCode.OK;
        }
    }

    @Command(name = "promote", description = "Move the champion alias to a version (audited; inference swaps to it).")
    static final class Promote extends ApiCommand {
        @Parameters(paramLabel = "VERSION")
        String version;

        @Option(names = "--reason", defaultValue = "promoted from the command line", description = "kept in the audit")
        String reason;

        @Option(names = "--alias", defaultValue = "champion", description = "alias to move (default: ${DEFAULT-VALUE})")
        String alias;

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("version", version);
            body.put("reason", reason);
            return print(api.put(target.pipelineUri(target.training, "/aliases/" + Target.encode(alias)), body),
                    moved -> alias + " of " + target.pipeline + " is now version " + version + "\n");
        }
    }

    @Command(name = "rollback", description = "Move the champion back to the version it replaced (audited).")
    static final class Rollback extends ApiCommand {
        @Option(names = "--reason", defaultValue = "rolled back from the command line", description = "kept in the audit")
        String reason;

        @Override
        public Integer call() {
            return print(api.post(target.pipelineUri(target.training, "/aliases/champion/rollback"),
                    Map.of("reason", reason)), moved -> "champion of " + target.pipeline + " rolled back"
                    + (moved.hasNonNull("version") ? " to version " + moved.path("version").asText() : "") + "\n");
        }
    }
}
