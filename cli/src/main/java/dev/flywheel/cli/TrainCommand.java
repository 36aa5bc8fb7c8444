package dev.flywheel.cli;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flywheel train}: starts a training run and follows it (phase, percent, rate, ETA) to its verdict. */
@Command(name = "train", description = "Train now and follow the run to its end.")
final class TrainCommand extends ApiCommand {

    private static final Set<String> FINISHED = Set.of("SUCCEEDED", "REFUSED", "FAILED");
    private static final long POLL_MILLIS = 500;

    @Option(names = "--no-follow", description = "return once the run is queued instead of following it")
    boolean noFollow;

    @Override
    public Integer call() {
        JsonNode started = api.post(target.pipelineUri(target.training, "/trainings"), java.util.Map.of());
        String id = started.path("id").asText();
        if (noFollow) {
            return print(started, s -> "training run " + id + " queued\n");
        }
        URI status = target.pipelineUri(target.training, "/trainings/" + Target.encode(id));
        ProgressBar bar = ProgressBar.onStandardError();
        JsonNode run;
        while (true) {
            run = api.get(status);
            JsonNode progress = run.path("progress");
            bar.show(progress.path("percent").asDouble(), detail(run));
            if (FINISHED.contains(run.path("status").asText())) {
                break;
            }
            pause();
        }
        bar.done();
        print(run, RunsCommand::describe);
        return run.path("status").asText().equals("SUCCEEDED") ? ExitCode.OK : ExitCode.FAILED;
    }

    static String detail(JsonNode run) {
        JsonNode progress = run.path("progress");
        StringBuilder detail = new StringBuilder(run.path("status").asText().toLowerCase(Locale.ROOT));
        if (progress.hasNonNull("phase")) {
            detail.append(", ").append(progress.path("phase").asText());
        }
        JsonNode tuning = progress.path("tuning");
        if (tuning.hasNonNull("candidate")) {
            // While a candidate is tuned: which trial of how many, at which rung, and the best score so far.
            detail.append(String.format(Locale.ROOT, ", tuning %s trial %d of %d (rung %d, %s %d)",
                    tuning.path("candidate").asText(), tuning.path("trial").asInt(), tuning.path("trials").asInt(),
                    tuning.path("rung").asInt(), tuning.path("resourceParam").asText("resource"),
                    tuning.path("resource").asInt()));
            if (tuning.path("bestScore").isNumber()) {
                detail.append(", best ").append(Cells.text(tuning.path("bestScore")))
                        .append(" (trial ").append(tuning.path("bestTrial").asText()).append(')');
            }
        }
        if (progress.path("stepsPerSecond").isNumber()) {
            detail.append(String.format(Locale.ROOT, ", %,.0f steps/s", progress.path("stepsPerSecond").asDouble()));
        }
        if (progress.path("etaSeconds").isNumber()) {
            detail.append(", ").append(ProgressBar.duration(progress.path("etaSeconds").asDouble())).append(" left");
        }
        return detail.toString();
    }

    /** The CLI waits between status polls of a run on the server; nothing to signal it sooner. */
    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Api.Failure(130, "interrupted");
        }
    }
}
