package dev.flywheel.simulator;

import java.io.IOException;
import java.util.Iterator;

/** Drives a stream of events into a sink, at the pacer's pace, reporting progress. */
public final class SimulationRun {

    /** What a run emitted. */
    public record Summary(long transactions, long labels, long frauds) {
    }

    private final Pacer pacer;
    private final ProgressReporter progress;

    public SimulationRun(Pacer pacer, ProgressReporter progress) {
        this.pacer = pacer;
        this.progress = progress;
    }

    /** Writes every event of {@code events} to {@code sink} (which the caller closes). */
    public Summary run(Iterator<SimEvent> events, EventSink sink) throws IOException, InterruptedException {
        long transactions = 0;
        long labels = 0;
        long frauds = 0;
        while (events.hasNext()) {
            SimEvent event = events.next();
            pacer.awaitTurn(event);
            sink.write(event);
            progress.record(event);
            if (event instanceof CardTransaction tx) {
                transactions++;
                frauds += tx.isFraud() ? 1 : 0;
            } else {
                labels++;
            }
        }
        progress.finish();
        return new Summary(transactions, labels, frauds);
    }
}
