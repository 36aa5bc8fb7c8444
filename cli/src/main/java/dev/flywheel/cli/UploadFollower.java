package dev.flywheel.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Sends a file to ingest-service as an upload job and follows the job to its end with a progress bar: how the
 * {@code ingest} and {@code labels} commands work. The file is streamed, so its size does not matter here.
 */
final class UploadFollower {

    private static final long POLL_MILLIS = 500;

    private UploadFollower() {
    }

    static int upload(ApiCommand command, Path file, String kind, String format, boolean follow) {
        Target target = command.target;
        String query = "?kind=" + kind + (format == null ? "" : "&format=" + Target.encode(format));
        JsonNode started = command.api.postFile(target.pipelineUri(target.ingest, "/uploads" + query), file,
                contentType(file));
        String id = started.path("id").asText();
        if (!follow) {
            return command.print(started, s -> "upload " + id + " started; follow it with: curl "
                    + target.pipelineUri(target.ingest, "/uploads/" + id) + "\n");
        }
        URI status = target.pipelineUri(target.ingest, "/uploads/" + Target.encode(id));
        ProgressBar bar = ProgressBar.onStandardError();
        JsonNode job = started;
        while (true) {
            job = command.api.get(status);
            String state = job.path("state").asText();
            bar.show(job.path("percent").asDouble(), detail(job));
            if (state.equals("done") || state.equals("failed")) {
                break;
            }
            pause();
        }
        bar.done();
        JsonNode last = job;
        command.print(last, UploadFollower::summary);
        return last.path("state").asText().equals("done") ? ExitCode.OK : ExitCode.FAILED;
    }

    private static String detail(JsonNode job) {
        String eta = job.path("etaSeconds").isNumber()
                ? ", " + ProgressBar.duration(job.path("etaSeconds").asDouble()) + " left" : "";
        return String.format(Locale.ROOT, "%,d rows, %,.0f rows/s, %,d accepted, %,d rejected%s",
                job.path("rowsRead").asLong(), job.path("rowsPerSecond").asDouble(), job.path("accepted").asLong(),
                job.path("rejected").asLong(), eta);
    }

    private static String summary(JsonNode job) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "upload %s %s: %,d rows read, %,d accepted, %,d rejected%n", job.path("id").asText(),
                job.path("state").asText(), job.path("rowsRead").asLong(), job.path("accepted").asLong(),
                job.path("rejected").asLong()));
        if (job.hasNonNull("error")) {
            out.append("error: ").append(job.path("error").asText()).append('\n');
        }
        if (job.path("rejections").size() > 0) {
            Table table = new Table("record", "field", "rule", "reason");
            for (JsonNode rejection : job.path("rejections")) {
                for (JsonNode violation : rejection.path("violations")) {
                    table.row(rejection.path("index"), violation.path("field"), violation.path("rule"),
                            violation.path("reason"));
                }
            }
            out.append("first rejections:\n").append(table.render());
        }
        return out.toString();
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return "text/csv";
        }
        if (name.endsWith(".tsv")) {
            return "text/tab-separated-values";
        }
        if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
            return "application/x-ndjson";
        }
        return "application/json";
    }

    /** The CLI waits between status polls of a job that runs on the server; nothing to signal it sooner. */
    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Api.Failure(130, "interrupted");
        }
    }
}
