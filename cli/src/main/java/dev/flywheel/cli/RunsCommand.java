package dev.flywheel.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code flywheel runs list|show|compare}: training runs with their candidates, metrics and decisions. */
@Command(name = "runs", description = "Training runs: list, show one, compare two.",
        subcommands = {RunsCommand.ListRuns.class, RunsCommand.Show.class, RunsCommand.Compare.class})
final class RunsCommand {

    private RunsCommand() {
    }

    @Command(name = "list", description = "Recent training runs, newest first.")
    static final class ListRuns extends ApiCommand {
        @Override
        public Integer call() {
            return print(api.get(target.pipelineUri(target.training, "/trainings")), runs -> {
                Table table = new Table("run", "status", "trigger", "requested", "version", "candidate",
                        "promoted", "decision");
                for (JsonNode run : runs) {
                    JsonNode result = run.path("result");
                    table.row(run.path("id"), run.path("status"), run.path("trigger"), run.path("requestedAt"),
                            result.path("version"), result.path("candidate"), result.path("promoted"),
                            result.hasNonNull("decision") ? result.path("decision") : run.path("message"));
                }
                return table.render();
            });
        }
    }

    @Command(name = "show", description = "One run: dataset, every candidate's metrics, tuning trials, the decision.")
    static final class Show extends ApiCommand {
        @Parameters(paramLabel = "RUN", description = "run id")
        String id;

        @Override
        public Integer call() {
            return print(api.get(target.pipelineUri(target.training, "/trainings/" + Target.encode(id))),
                    RunsCommand::describe);
        }
    }

    @Command(name = "compare", description = "Two runs side by side: dataset, winner and its metrics.")
    static final class Compare extends ApiCommand {
        @Parameters(index = "0", paramLabel = "RUN_A")
        String first;

        @Parameters(index = "1", paramLabel = "RUN_B")
        String second;

        @Override
        public Integer call() {
            JsonNode a = api.get(target.pipelineUri(target.training, "/trainings/" + Target.encode(first)));
            JsonNode b = api.get(target.pipelineUri(target.training, "/trainings/" + Target.encode(second)));
            if (target.json) {
                return print(Answers.array(a, b), x -> "");
            }
            Table table = new Table("", first, second);
            table.row("status", a.path("status"), b.path("status"));
            table.row("trigger", a.path("trigger"), b.path("trigger"));
            table.row("training rows", a.at("/result/dataset/trainRows"), b.at("/result/dataset/trainRows"));
            table.row("test rows", a.at("/result/dataset/testRows"), b.at("/result/dataset/testRows"));
            table.row("version", a.at("/result/version"), b.at("/result/version"));
            table.row("winner", a.at("/result/candidate"), b.at("/result/candidate"));
            table.row("winner's tuning", tuningOf(a), tuningOf(b));
            for (String metric : metricNames(a.at("/result/metrics"), b.at("/result/metrics"))) {
                table.row(metric, a.at("/result/metrics").path(metric), b.at("/result/metrics").path(metric));
            }
            table.row("promoted", a.at("/result/promoted"), b.at("/result/promoted"));
            out().print(table.render());
            out().flush();
            return ExitCode.OK;
        }

        /** "6 trials, best 2" for a tuned winner, "not tuned" for one trained once, a dash without a winner. */
        private static String tuningOf(JsonNode run) {
            String winner = run.at("/result/candidate").asText(null);
            if (winner == null) {
                return null;
            }
            for (JsonNode candidate : run.at("/result/candidates")) {
                if (winner.equals(candidate.path("name").asText()) && candidate.path("trials").size() > 0) {
                    return candidate.path("trials").size() + " trials, best " + candidate.path("bestTrial").asText();
                }
            }
            return "not tuned";
        }

        private static Set<String> metricNames(JsonNode... metrics) {
            Set<String> names = new LinkedHashSet<>();
            for (JsonNode m : metrics) {
                m.fieldNames().forEachRemaining(names::add);
            }
            return names;
        }
    }

    /** A run for people: what it did, each candidate's held-out metrics, and the promotion decision. */
    static String describe(JsonNode run) {
        StringBuilder out = new StringBuilder();
        out.append("run ").append(run.path("id").asText()).append(": ").append(run.path("status").asText())
                .append(" (").append(run.path("trigger").asText()).append(")\n");
        if (run.hasNonNull("message")) {
            out.append(run.path("message").asText()).append('\n');
        }
        JsonNode result = run.path("result");
        JsonNode dataset = result.path("dataset");
        if (!dataset.isMissingNode() && !dataset.isNull()) {
            out.append("dataset: ").append(dataset.path("trainRows").asText()).append(" training rows, ")
                    .append(dataset.path("testRows").asText()).append(" held-out rows\n");
        }
        JsonNode candidates = result.path("candidates");
        if (candidates.size() > 0) {
            java.util.List<String> metrics = new ArrayList<>();
            for (JsonNode candidate : candidates) {
                for (Iterator<String> names = candidate.path("metrics").fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    if (!metrics.contains(name)) {
                        metrics.add(name);
                    }
                }
            }
            java.util.List<String> header = new ArrayList<>(java.util.List.of("candidate", "type", "status"));
            header.addAll(metrics);
            Table table = new Table(header.toArray(String[]::new));
            for (JsonNode candidate : candidates) {
                java.util.List<Object> cells = new ArrayList<>(java.util.List.of(candidate.path("name"),
                        candidate.path("type"), candidate.path("status")));
                metrics.forEach(metric -> cells.add(candidate.path("metrics").path(metric)));
                table.row(cells.toArray());
            }
            out.append(table.render());
            for (JsonNode candidate : candidates) {
                out.append(trials(candidate, result.path("selectionMetric").asText("score")));
            }
        }
        if (result.hasNonNull("version")) {
            out.append("registered version ").append(result.path("version").asText()).append(" (")
                    .append(result.path("candidate").asText()).append("); ")
                    .append(result.path("promoted").asBoolean() ? "promoted" : "not promoted").append(": ")
                    .append(result.path("decision").asText()).append('\n');
        }
        return out.toString();
    }

    /**
     * A tuned candidate's trials, trial 1 first: status, the last rung reached and its resource, the validation
     * score there and at every rung, time, and the sampled params; * marks the trial the candidate was refitted
     * with. Empty for a candidate that was not tuned.
     */
    static String trials(JsonNode candidate, String metric) {
        JsonNode trials = candidate.path("trials");
        if (trials.size() == 0) {
            return "";
        }
        int best = candidate.path("bestTrial").asInt(-1);
        Table table = new Table("trial", "status", "rung", "resource", metric, "per rung", "ms", "params");
        for (JsonNode trial : trials) {
            java.util.List<String> perRung = new ArrayList<>();
            trial.path("rungScores").forEach(score -> perRung.add(Cells.text(score)));
            java.util.List<String> params = new ArrayList<>();
            trial.path("params").fields().forEachRemaining(param -> params.add(param.getKey() + "="
                    + Cells.text(param.getValue())));
            table.row(trial.path("trial").asInt() == best ? trial.path("trial").asText() + " *" : trial.path("trial"),
                    trial.path("status"), trial.path("rung"), trial.path("resource"), trial.path("score"),
                    String.join(" -> ", perRung), trial.path("millis"), String.join(", ", params));
        }
        return "tuning of " + candidate.path("name").asText() + " (" + candidate.path("type").asText() + "), "
                + trials.size() + " trials" + (candidate.hasNonNull("message") && !candidate.path("message").asText()
                .isEmpty() ? ": " + candidate.path("message").asText() : "") + "\n" + table.render();
    }
}
