package dev.flywheel.ingest.rest;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

import dev.flywheel.contracts.spec.FieldViolation;
import dev.flywheel.ingest.file.RecordReader;
import dev.flywheel.ingest.file.SourceRecord;
import dev.flywheel.ingest.file.UnreadableInput;

/**
 * Moves records from a reader to admission, one in-flight permit per record: reads the next record only
 * once it has a permit, gives the permit back when the broker answered, and hands every outcome to a
 * {@link RecordTally}. Runs on the calling (blocking) thread; returns how reading ended.
 *
 * @param waitForBudget null: wait as long as it takes, within the uploads' share (upload jobs); else
 *                      give up after this long (posts)
 */
record RecordPump(InFlightBudget budget, Duration waitForBudget, int maxRecordBytes, Judge admit, Judge refuse) {

    /**
     * Hands one record to admission (or to the rejected topic) and tells {@code answer} its outcome once the broker
     * answered: the outcome and null, or null and the failure. The answer runs on the producer's I/O thread.
     */
    interface Judge {
        void judge(SourceRecord record, BiConsumer<RecordOutcome, Throwable> answer);
    }

    /** How reading ended: the whole input, or where and why it stopped. */
    record Ending(Kind kind, IngestReport.Stop stop) {
        enum Kind { COMPLETE, BUDGET_EXHAUSTED, TOO_LARGE, UNREADABLE }

        static final Ending COMPLETE = new Ending(Kind.COMPLETE, null);
    }

    /** Called after each record read, with the count so far (progress of upload jobs). */
    interface Progress {
        void recordRead(long records);
    }

    /** Opens the reader (a CSV reads its header here); may already find the input unreadable. */
    interface Opener {
        RecordReader open() throws UnreadableInput;
    }

    Ending run(Opener opener, RecordTally tally, Progress progress) throws InterruptedException {
        long read = 0;
        try (RecordReader reader = opener.open()) {
            SourceRecord record;
            while ((record = reader.next()) != null) {
                progress.recordRead(++read);
                if (record.maxBytes() > maxRecordBytes && record.bytes() > maxRecordBytes) {
                    record = record.tooLarge("the record is " + record.bytes() + " bytes, more than the "
                            + maxRecordBytes + " a record may have");
                }
                if (!take()) {
                    return new Ending(Ending.Kind.BUDGET_EXHAUSTED, new IngestReport.Stop(record.index(),
                            "the service has " + budget.capacity() + " records in flight to the broker; "
                                    + "records from index " + record.index() + " on were not taken, send them again later"));
                }
                send(record, record.isRefused() ? refuse : admit, tally);
            }
            return Ending.COMPLETE;
        } catch (UnreadableInput e) {
            if (e.isTooLarge()) {
                return new Ending(Ending.Kind.TOO_LARGE, new IngestReport.Stop(e.index(), e.getCause().getMessage()
                        + "; records from index " + e.index() + " on were not taken"));
            }
            tally.refused(e.index(), RecordOutcome.rejected(List.of(new FieldViolation("$", e.rule(), e.getMessage(), null))));
            return new Ending(Ending.Kind.UNREADABLE, new IngestReport.Stop(e.index(), e.getMessage()));
        } catch (IOException closing) {
            return Ending.COMPLETE; // every record was read; only closing the input failed
        } finally {
            tally.endOfInput();
        }
    }

    private boolean take() throws InterruptedException {
        if (waitForBudget == null) {
            budget.acquireForUpload();
            return true;
        }
        return budget.tryAcquire(waitForBudget);
    }

    private void release() {
        if (waitForBudget == null) {
            budget.releaseUpload();
        } else {
            budget.release();
        }
    }

    /** Hands the record to admission (or, refused while reading, to the rejected topic) under a budget permit. */
    private void send(SourceRecord record, Judge judge, RecordTally tally) {
        tally.sent();
        int index = record.index();
        // Answered at most once: by the broker's answer, or here when admission threw before anything was sent.
        AtomicBoolean answered = new AtomicBoolean();
        BiConsumer<RecordOutcome, Throwable> answer = (result, error) -> {
            if (answered.compareAndSet(false, true)) {
                release();
                tally.answered(index, error == null ? result : RecordOutcome.failed(error));
            }
        };
        try {
            judge.judge(record, answer);
        } catch (RuntimeException e) {
            answer.accept(null, e);
        }
    }
}
