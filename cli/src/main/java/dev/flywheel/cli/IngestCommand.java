package dev.flywheel.cli;

import java.nio.file.Path;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flywheel ingest FILE}: a CSV, TSV, JSON or NDJSON file of events, as an upload job, followed. */
@Command(name = "ingest", description = "Send a file of events (CSV, TSV, JSON, NDJSON) and follow its progress.")
final class IngestCommand extends ApiCommand {

    @Parameters(paramLabel = "FILE", description = "the file; its extension names the format unless --format does")
    Path file;

    @Option(names = "--format", description = "csv, tsv, json or ndjson")
    String format;

    @Option(names = "--no-follow", description = "return once the job started instead of following it")
    boolean noFollow;

    @Override
    public Integer call() {
        return UploadFollower.upload(this, file, "events", format, !noFollow);
    }
}
