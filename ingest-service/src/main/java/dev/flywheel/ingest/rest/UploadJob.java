package dev.flywheel.ingest.rest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ExecutionException;

import org.jboss.logging.Logger;

import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.ingest.file.BodyFormat;
import dev.flywheel.ingest.file.CountingInputStream;
import dev.flywheel.ingest.file.RecordKind;

/**
 * One uploaded file, processed in the background: reads the spooled file as a stream, admits record by
 * record under the service's in-flight budget (waiting for it, so the broker paces the reading), logs
 * progress every few seconds and at the end, and deletes the file when done. Consumes the file;
 * produces the records' verdicts on the pipeline's topics and an {@link UploadStatus} at any time.
 */
final class UploadJob implements Runnable {

    private static final Logger LOG = Logger.getLogger(UploadJob.class);

    enum State { QUEUED, RUNNING, DONE, FAILED }

    private final String id;
    private final PipelineSpec spec;
    private final RecordKind kind;
    private final BodyFormat format;
    private final String fileName;
    private final Path file;
    private final long totalBytes;
    private final RecordPump pump;
    private final RecordTally tally;
    private final Duration logEvery;
    private final Instant createdAt = Instant.now();

    private volatile State state = State.QUEUED;
    private volatile CountingInputStream counter;
    private volatile long rowsRead;
    private volatile long startNanos;
    private volatile long endNanos;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile String error;
    private long lastLogNanos;

    UploadJob(String id, PipelineSpec spec, RecordKind kind, BodyFormat format, String fileName, Path file,
              RecordPump pump, int rejectionsKept, Duration logEvery) throws IOException {
        this.id = id;
        this.spec = spec;
        this.kind = kind;
        this.format = format;
        this.fileName = fileName;
        this.file = file;
        this.totalBytes = Files.size(file);
        this.pump = pump;
        this.tally = new RecordTally(0, rejectionsKept);
        this.logEvery = logEvery;
    }

    String id() {
        return id;
    }

    String pipeline() {
        return spec.name();
    }

    boolean isFinished() {
        return state == State.DONE || state == State.FAILED;
    }

    @Override
    public void run() {
        startedAt = Instant.now();
        startNanos = System.nanoTime();
        lastLogNanos = startNanos;
        state = State.RUNNING;
        LOG.infof("upload %s: %s %s of pipeline %s from %s (%d bytes) started", id, format.shortName(),
                kind.wireName(), spec.name(), fileName, totalBytes);
        try (InputStream in = Files.newInputStream(file)) {
            counter = CountingInputStream.unlimited(in);
            RecordPump.Ending ending = pump.run(() -> format.open(counter, spec, kind, pump.maxRecordBytes()),
                    tally, this::recordRead);
            tally.settled().get();
            if (ending.kind() == RecordPump.Ending.Kind.UNREADABLE) {
                fail("the file cannot be read past record " + ending.stop().index() + ": " + ending.stop().reason());
            } else {
                state = State.DONE;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted: the service is stopping");
        } catch (IOException | ExecutionException | RuntimeException e) {
            fail(e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            endNanos = System.nanoTime();
            finishedAt = Instant.now();
            delete();
            log("finished " + state.name().toLowerCase(Locale.ROOT));
        }
    }

    private void fail(String reason) {
        error = reason;
        state = State.FAILED;
    }

    private void recordRead(long rows) {
        rowsRead = rows;
        long now = System.nanoTime();
        if (now - lastLogNanos >= logEvery.toNanos()) {
            lastLogNanos = now;
            log("running");
        }
    }

    private void log(String what) {
        UploadStatus s = status();
        LOG.infof("upload %s %s: %d rows (%d accepted, %d rejected), %.1f%% of %d bytes, %.0f rows/s, eta %s s%s",
                id, what, s.rowsRead(), s.accepted(), s.rejected(), s.percent(), s.totalBytes(), s.rowsPerSecond(),
                s.etaSeconds() == null ? "?" : s.etaSeconds(), error == null ? "" : "; " + error);
    }

    private void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("upload %s: could not delete %s: %s", id, file, e.getMessage());
        }
    }

    UploadStatus status() {
        State now = state;
        CountingInputStream c = counter;
        long bytes = now == State.DONE ? totalBytes : c == null ? 0 : Math.min(c.count(), totalBytes);
        double seconds = startNanos == 0 ? 0 : ((endNanos == 0 ? System.nanoTime() : endNanos) - startNanos) / 1e9;
        double rate = seconds > 0 ? rowsRead / seconds : 0;
        double bytesPerSecond = seconds > 0 ? bytes / seconds : 0;
        Long eta = isFinished() ? Long.valueOf(0) : bytesPerSecond > 0
                ? Long.valueOf(Math.round((totalBytes - bytes) / bytesPerSecond)) : null;
        double percent = totalBytes == 0 ? (isFinished() ? 100 : 0) : Math.round(1000.0 * bytes / totalBytes) / 10.0;
        return new UploadStatus(id, spec.name(), kind.wireName(), format.shortName(), fileName,
                now.name().toLowerCase(Locale.ROOT), bytes, totalBytes, percent, rowsRead, tally.accepted(),
                tally.rejected() + tally.failed(), Math.round(rate * 10) / 10.0, eta, createdAt, startedAt, finishedAt,
                tally.keptRejections(), error);
    }
}
