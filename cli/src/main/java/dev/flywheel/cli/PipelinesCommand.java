package dev.flywheel.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.contracts.spec.PipelineSpecs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flywheel pipelines list|show|validate|apply}. */
@Command(name = "pipelines", description = "The pipelines the services run, and checking a spec file.",
        subcommands = {PipelinesCommand.List.class, PipelinesCommand.Show.class, PipelinesCommand.Validate.class,
                ApplyCommand.class})
final class PipelinesCommand {

    @Command(name = "list", description = "Pipelines loaded by the services.")
    static final class List extends ApiCommand {
        @Override
        public Integer call() {
            return print(api.get(Target.uri(target.ingest, "/v1/pipelines")), answer -> {
                Table table = new Table("pipeline", "features", "description");
                answer.forEach(p -> table.row(p.path("name"), p.path("features").size(), p.path("description")));
                return table.render();
            });
        }
    }

    @Command(name = "show", description = "One pipeline's spec as the services read it (JSON).")
    static final class Show extends ApiCommand {
        @Override
        public Integer call() {
            JsonNode spec = api.get(target.pipelineUri(target.ingest, ""));
            out().println(pretty(spec));
            return ExitCode.OK;
        }
    }

    /**
     * Checks spec files with the same loader and checks the services run at start, before anything is deployed;
     * every problem is listed with the field it is about.
     */
    @Command(name = "validate", description = "Check pipeline spec files (YAML) as the services would at start.")
    static final class Validate implements Callable<Integer> {

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "spec files")
        java.util.List<Path> files;

        @Option(names = "--json", description = "one JSON object per file: file, valid, pipeline, problems")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            int status = ExitCode.OK;
            ArrayNode answers = Json.mapper().createArrayNode();
            for (Path file : files) {
                ObjectNode answer = answers.addObject().put("file", file.toString());
                java.util.List<String> problems;
                if (!Files.isRegularFile(file)) {
                    problems = java.util.List.of("no such file");
                } else {
                    try {
                        PipelineSpec loaded = PipelineSpecs.load(file);
                        answer.put("valid", true).put("pipeline", loaded.name())
                                .put("features", loaded.featureNames().size())
                                .put("candidates", loaded.model().candidates().size());
                        answer.putArray("problems");
                        if (!json) {
                            spec.commandLine().getOut().println(file + ": valid, pipeline '" + loaded.name() + "', "
                                    + loaded.featureNames().size() + " features, "
                                    + loaded.model().candidates().size() + " model candidates");
                        }
                        continue;
                    } catch (RuntimeException e) {
                        problems = lines(e.getMessage());
                    }
                }
                status = ExitCode.INVALID;
                answer.put("valid", false);
                problems.forEach(answer.putArray("problems")::add);
                if (!json) {
                    spec.commandLine().getErr().println(file + (problems.equals(java.util.List.of("no such file"))
                            ? ": no such file" : ": invalid\n  " + String.join("\n  ", problems)));
                }
            }
            if (json) {
                spec.commandLine().getOut().println(ApiCommand.pretty(answers));
            }
            spec.commandLine().getOut().flush();
            return status;
        }

        private static java.util.List<String> lines(String message) {
            return message == null ? java.util.List.of("(no reason given)") : message.lines().toList();
        }
    }

    private PipelinesCommand() {
    }

}
