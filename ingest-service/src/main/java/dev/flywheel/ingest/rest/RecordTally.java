package dev.flywheel.ingest.rest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Collects the outcomes of a stream of records as the broker answers, in bounded memory: counts for
 * all, the results of the first {@code listed} positions, and the first {@code rejectionsKept}
 * refusals. {@link #settled()} completes once the input ended and every sent record was answered.
 */
final class RecordTally {

    private final int listed;
    private final int rejectionsKept;
    /**
     * The listed results by position (null where none came yet); an array grown as positions arrive rather than a
     * sorted map, whose insertions were a visible share of a batch's cost.
     */
    private IngestReport.RecordResult[] results = new IngestReport.RecordResult[0];
    private int resultCount;
    private final List<IngestReport.RecordResult> rejections = new ArrayList<>();
    private final CompletableFuture<Void> settled = new CompletableFuture<>();
    private int accepted;
    private int rejected;
    private int duplicates;
    private int failed;
    private int pending;
    private boolean inputEnded;

    RecordTally(int listed, int rejectionsKept) {
        this.listed = listed;
        this.rejectionsKept = rejectionsKept;
    }

    /** A record went to admission; its outcome follows through {@link #answered}. */
    synchronized void sent() {
        pending++;
    }

    /** The outcome of a record that went to admission. */
    void answered(int index, RecordOutcome outcome) {
        boolean done;
        synchronized (this) {
            pending--;
            count(index, outcome);
            done = inputEnded && pending == 0;
        }
        if (done) {
            settled.complete(null);
        }
    }

    /** A record refused before admission (unreadable, ragged, too large). */
    synchronized void refused(int index, RecordOutcome outcome) {
        count(index, outcome);
    }

    void endOfInput() {
        boolean done;
        synchronized (this) {
            inputEnded = true;
            done = pending == 0;
        }
        if (done) {
            settled.complete(null);
        }
    }

    CompletableFuture<Void> settled() {
        return settled;
    }

    private void count(int index, RecordOutcome outcome) {
        switch (outcome.status()) {
            case RecordOutcome.ACCEPTED -> accepted++;
            case RecordOutcome.FAILED -> failed++;
            case RecordOutcome.DUPLICATE -> duplicates++;
            default -> rejected++;
        }
        if (index < listed) {
            if (index >= results.length) {
                results = Arrays.copyOf(results, Math.min(listed, Math.max(index + 1, results.length * 2 + 16)));
            }
            if (results[index] == null) {
                resultCount++;
            }
            results[index] = outcome.at(index);
        }
        boolean refused = outcome.status().equals(RecordOutcome.REJECTED) || outcome.status().equals(RecordOutcome.FAILED);
        if (refused && rejections.size() < rejectionsKept) {
            rejections.add(outcome.at(index));
        }
    }

    synchronized int accepted() {
        return accepted;
    }

    /** Refused by validation or before it. */
    synchronized int rejected() {
        return rejected;
    }

    /** Not taken by the broker. */
    synchronized int failed() {
        return failed;
    }

    synchronized List<IngestReport.RecordResult> listedResults() {
        List<IngestReport.RecordResult> listedResults = new ArrayList<>(resultCount);
        for (IngestReport.RecordResult result : results) {
            if (result != null) {
                listedResults.add(result);
            }
        }
        return List.copyOf(listedResults);
    }

    synchronized List<IngestReport.RecordResult> keptRejections() {
        return List.copyOf(rejections);
    }

    synchronized IngestReport report(IngestReport.Stop stopped) {
        int total = accepted + rejected + failed + duplicates;
        return new IngestReport(accepted, rejected + failed, duplicates, total - resultCount, listedResults(), stopped);
    }
}
