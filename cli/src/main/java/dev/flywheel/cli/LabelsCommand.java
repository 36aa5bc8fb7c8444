package dev.flywheel.cli;

import java.nio.file.Path;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flywheel labels FILE}: ground truth for events already sent, as an upload job, followed. */
@Command(name = "labels", description = "Send a file of labels (CSV, TSV, JSON, NDJSON) and follow its progress.")
final class LabelsCommand extends ApiCommand {

    @Parameters(paramLabel = "FILE", description = "the file; its extension names the format unless --format does")
    Path file;

    @Option(names = "--format", description = "csv, tsv, json or ndjson")
    String format;

    @Option(names = "--no-follow", description = "return once the job started instead of following it")
    boolean noFollow;

    @Override
    public Integer call() {
        return UploadFollower.upload(this, file, "labels", format, !noFollow);
    }
}
