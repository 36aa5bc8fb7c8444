package dev.flywheel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import dev.flywheel.contracts.json.Json;

/**
 * {@code runs show} (with a tuned candidate's trials), {@code train} following a tuning run, and {@code rejects},
 * against a real HTTP server on loopback answering training's and the monitor's paths with their documented JSON.
 */
class RunsAndRejectsCommandTest {

    private static final String RUNS = "/v1/pipelines/card-fraud/trainings";

    private HttpServer server;
    private String url;
    /** Answers by request path (and query); absent: 404 in the services' error shape. */
    private final Map<String, List<Object>> answers = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger polls = new AtomicInteger();

    @BeforeEach
    void startServices() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()
                    + (query == null ? "" : "?" + query);
            requests.add(key);
            List<Object> queue = answers.get(key);
            Object body = null;
            if (queue != null) {
                // A sequence of answers: one per poll, the last repeated (a run moving on to its end).
                int poll = key.startsWith("GET " + RUNS + "/") ? polls.getAndIncrement() : 0;
                body = queue.get(Math.min(poll, queue.size() - 1));
            }
            byte[] bytes = Json.mapper().writeValueAsBytes(body != null ? body
                    : Map.of("message", "nothing at " + key));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(body == null ? 404 : key.startsWith("POST") ? 202 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServices() {
        server.stop(0);
    }

    @Test
    void runsShowPrintsEveryTrialOfATunedCandidateWithTheWinnerMarked() {
        // Given a finished run whose mlp was tuned over three trials (trial 2 won) and whose logistic was not
        answers.put("GET " + RUNS + "/run-1", List.of(tunedRun("SUCCEEDED", null)));

        // When it is shown for people, then as JSON
        Result people = run("runs", "show", "run-1", "--training-url", url);
        Result json = run("runs", "show", "run-1", "--training-url", url, "--json");

        // Then the trials table has each trial's status, rung, resource, score per rung and params; * is the winner
        assertThat(people.status()).as(people.toString()).isEqualTo(ExitCode.OK);
        assertThat(people.out()).contains("tuning of mlp (mlp), 3 trials: best of 3 trials: trial 2")
                .doesNotContain("tuning of logistic");
        List<String> trialLines = people.out().lines().filter(line -> line.matches("\\s*[123] ?\\*?\\s+\\w+.*"))
                .toList();
        assertThat(trialLines).hasSize(3);
        assertThat(trialLines.get(0)).contains("stopped_early").contains("0.4100").contains("learningRate=0.0010")
                .contains("hidden=[8]");
        assertThat(trialLines.get(1)).startsWith("2 *").contains("completed").contains("0.5100 -> 0.5545")
                .contains("4");
        assertThat(trialLines.get(2)).contains("failed").contains("-");
        assertThat(people.out()).contains("average_precision");
        // and scripts get the service's own JSON, trials included
        JsonNode parsed = readJson(json.out());
        assertThat(parsed.at("/result/candidates/0/trials").size()).isEqualTo(3);
        assertThat(parsed.at("/result/candidates/0/bestTrial").asInt()).isEqualTo(2);
    }

    @Test
    void runsCompareSaysWhetherEachWinnerWasTuned() {
        // Given a run whose winner mlp was tuned, and one whose winner logistic was trained once
        Map<String, Object> untuned = tunedRun("SUCCEEDED", null);
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) untuned.get("result");
        result.put("candidate", "logistic");
        answers.put("GET " + RUNS + "/run-1", List.of(tunedRun("SUCCEEDED", null)));
        answers.put("GET " + RUNS + "/run-9", List.of(untuned));

        // When they are compared
        Result result1 = run("runs", "compare", "run-1", "run-9", "--training-url", url);

        // Then the tuning row says so for each
        assertThat(result1.status()).as(result1.toString()).isEqualTo(ExitCode.OK);
        assertThat(result1.out().lines().filter(line -> line.startsWith("winner's tuning")).findFirst().orElseThrow())
                .contains("3 trials, best 2").contains("not tuned");
    }

    @Test
    void anUnknownRunExitsWith1WithTheServicesMessage() {
        Result result = run("runs", "show", "nope", "--training-url", url);

        assertThat(result.status()).isEqualTo(ExitCode.FAILED);
        assertThat(result.err()).contains("nothing at GET " + RUNS + "/nope");
    }

    @Test
    void trainFollowsATuningRunToItsEndAndExitsWithItsVerdict() {
        // Given a run that is tuning, then done
        answers.put("POST " + RUNS, List.of(Map.of("id", "run-2", "status", "QUEUED")));
        answers.put("GET " + RUNS + "/run-2", List.of(tunedRun("RUNNING", tuningProgress()),
                tunedRun("SUCCEEDED", null)));

        // When train follows it
        Result result = run("train", "--training-url", url);

        // Then it polled to the end and printed the run with its trials; exit 0 for a run that succeeded
        assertThat(result.status()).as(result.toString()).isEqualTo(ExitCode.OK);
        assertThat(polls.get()).isGreaterThanOrEqualTo(2);
        assertThat(result.out()).contains("run run-2: SUCCEEDED").contains("tuning of mlp");
        // and the progress line while tuning says which trial, rung and best score
        assertThat(TrainCommand.detail(Json.mapper().valueToTree(tunedRun("RUNNING", tuningProgress()))))
                .contains("tuning mlp trial 2 of 3 (rung 1, epochs 3)").contains("best 0.5100 (trial 2)");
    }

    @Test
    void aFailedRunExitsWith1() {
        answers.put("POST " + RUNS, List.of(Map.of("id", "run-3", "status", "QUEUED")));
        answers.put("GET " + RUNS + "/run-3", List.of(Map.of("id", "run-3", "status", "FAILED", "trigger", "manual",
                "message", "no labelled examples yet")));

        Result result = run("train", "--training-url", url);

        assertThat(result.status()).isEqualTo(ExitCode.FAILED);
        assertThat(result.out()).contains("no labelled examples yet");
    }

    @Test
    void rejectsPrintsOneLinePerReasonWithSourceFieldRuleAndValue() {
        // Given the monitor's newest rejections: one Kafka record with two reasons, one HTTP record
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("pipeline", "card-fraud");
        page.put("topic", "flywheel.card-fraud.rejected");
        page.put("unreadable", 1);
        page.put("records", List.of(
                Map.of("rejectedAt", "2026-11-28T02:00:01Z", "source", "kafka", "kind", "event", "partition", 0,
                        "offset", 7, "raw", "{}", "violations", List.of(
                                violation("tx_amount", "min", "must be >= 0 but was -4", -4),
                                violation("customer_id", "required", "is required", null))),
                Map.of("rejectedAt", "2026-11-28T02:00:00Z", "source", "http", "kind", "label", "partition", 1,
                        "offset", 3, "raw", "{}", "violations", List.of(
                                violation("fraud", "enum", "must be 0 or 1", "maybe")))));
        answers.put("GET /v1/pipelines/card-fraud/rejects?limit=2", List.of(page));

        // When the newest two are asked for, for people and for scripts
        Result people = run("rejects", "--limit", "2", "--monitor-url", url);
        Result json = run("rejects", "--limit", "2", "--monitor-url", url, "--json");

        // Then every reason is a line naming source, field, rule, value and reason
        assertThat(people.status()).as(people.toString()).isEqualTo(ExitCode.OK);
        List<String> lines = people.out().lines().toList();
        assertThat(lines.get(2)).contains("kafka").contains("tx_amount").contains("min").contains("-4")
                .contains("must be >= 0 but was -4");
        assertThat(lines.get(3)).contains("customer_id").contains("required").contains("null");
        assertThat(lines.get(4)).contains("http").contains("label").contains("\"maybe\"");
        assertThat(people.out()).contains("2 record(s), newest first, from flywheel.card-fraud.rejected")
                .contains("1 unreadable");
        assertThat(readJson(json.out()).path("records").size()).isEqualTo(2);
        assertThat(requests).contains("GET /v1/pipelines/card-fraud/rejects?limit=2");
    }

    @Test
    void pipelinesValidateAnswersJsonForScripts() {
        Result result = run("pipelines", "validate", "../pipelines/card-fraud.yaml", "no-such.yaml", "--json");

        assertThat(result.status()).isEqualTo(ExitCode.INVALID);
        JsonNode answer = readJson(result.out());
        assertThat(answer.path(0).path("valid").asBoolean()).isTrue();
        assertThat(answer.path(0).path("pipeline").asText()).isEqualTo("card-fraud");
        assertThat(answer.path(1).path("valid").asBoolean()).isFalse();
        assertThat(answer.path(1).path("problems").path(0).asText()).isEqualTo("no such file");
    }

    private static Map<String, Object> violation(String field, String rule, String reason, Object value) {
        Map<String, Object> violation = new LinkedHashMap<>();
        violation.put("field", field);
        violation.put("rule", rule);
        violation.put("reason", reason);
        violation.put("value", value);
        return violation;
    }

    private static Map<String, Object> tuningProgress() {
        Map<String, Object> tuning = new LinkedHashMap<>();
        tuning.put("candidate", "mlp");
        tuning.put("trial", 2);
        tuning.put("trials", 3);
        tuning.put("rung", 1);
        tuning.put("resourceParam", "epochs");
        tuning.put("resource", 3);
        tuning.put("trainings", 4);
        tuning.put("scheduled", 5);
        tuning.put("bestScore", 0.51);
        tuning.put("bestTrial", 2);
        return Map.of("percent", 60.0, "phase", "training", "tuning", tuning);
    }

    /** A run in training's {@code GET /trainings/{id}} shape (training-service README), mlp tuned. */
    private static Map<String, Object> tunedRun(String status, Map<String, Object> progress) {
        List<Map<String, Object>> trials = new ArrayList<>();
        trials.add(trial(1, Map.of("learningRate", 0.001, "hidden", List.of(8)), 0, 1, 0.41, List.of(0.41),
                "stopped_early", "halved at rung 0"));
        trials.add(trial(2, Map.of("learningRate", 0.0189, "hidden", List.of(4)), 1, 4, 0.5545,
                List.of(0.51, 0.5545), "completed", ""));
        trials.add(trial(3, Map.of("learningRate", 0.3, "hidden", List.of(16)), -1, 0, null, List.of(),
                "failed", "loss diverged"));
        Map<String, Object> mlp = new LinkedHashMap<>();
        mlp.put("name", "mlp");
        mlp.put("type", "mlp");
        mlp.put("status", "trained");
        mlp.put("message", "best of 3 trials: trial 2 {learningRate=0.0189, hidden=[4]} with epochs 4");
        mlp.put("metrics", Map.of("average_precision", 0.61));
        mlp.put("trainingMillis", 1200);
        mlp.put("trials", trials);
        mlp.put("bestTrial", 2);
        Map<String, Object> logistic = new LinkedHashMap<>();
        logistic.put("name", "logistic");
        logistic.put("type", "logistic_regression");
        logistic.put("status", "trained");
        logistic.put("message", "");
        logistic.put("metrics", Map.of("average_precision", 0.52));
        logistic.put("trainingMillis", 300);
        logistic.put("trials", List.of());
        logistic.put("bestTrial", null);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("version", "3");
        result.put("candidate", "mlp");
        result.put("selectionMetric", "average_precision");
        result.put("metrics", Map.of("average_precision", 0.61));
        result.put("candidates", List.of(mlp, logistic));
        result.put("promoted", true);
        result.put("decision", "better average_precision than 2");
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("id", "run-2");
        run.put("status", status);
        run.put("trigger", "manual");
        if (progress != null) {
            run.put("progress", progress);
        } else {
            run.put("result", result);
        }
        return run;
    }

    private static Map<String, Object> trial(int number, Map<String, Object> params, int rung, int resource,
                                             Double score, List<Double> rungScores, String status, String message) {
        Map<String, Object> trial = new LinkedHashMap<>();
        trial.put("candidate", "mlp");
        trial.put("trial", number);
        trial.put("params", new java.util.TreeMap<>(params));
        trial.put("rung", rung);
        trial.put("resource", resource);
        trial.put("score", score);
        trial.put("rungScores", rungScores);
        trial.put("millis", 100L * number);
        trial.put("status", status);
        trial.put("message", message);
        return trial;
    }

    private static JsonNode readJson(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = FlywheelCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(status, out.toString(), err.toString());
    }

    record Result(int status, String out, String err) {
    }
}
