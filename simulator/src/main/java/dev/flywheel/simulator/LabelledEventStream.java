package dev.flywheel.simulator;

import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Merges payments with their labels into one stream in simulated-time order. Each payment schedules
 * its label at payment time + a {@link LabelDelay}; pending labels wait in a priority queue (about a
 * week of them at the default delays) and are emitted as soon as the next payment is later than
 * them. When the payments end, the remaining labels follow, so every payment gets exactly one label.
 * A label due at the same instant as a payment comes first.
 */
public final class LabelledEventStream implements Iterator<SimEvent> {

    private record Pending(FraudLabel label, long sequence) {
    }

    private final Iterator<CardTransaction> transactions;
    private final LabelDelay labelDelay;
    private final UniformRandomProvider delays;
    private final PriorityQueue<Pending> pending = new PriorityQueue<>(
            Comparator.comparing((Pending p) -> p.label().labelTime()).thenComparingLong(Pending::sequence));
    private CardTransaction lookahead;
    private long sequence;

    LabelledEventStream(Iterator<CardTransaction> transactions, LabelDelay labelDelay, Seeds seeds) {
        this.transactions = transactions;
        this.labelDelay = labelDelay;
        this.delays = seeds.rng(Seeds.Stream.LABEL_DELAYS);
    }

    @Override
    public boolean hasNext() {
        return lookahead != null || transactions.hasNext() || !pending.isEmpty();
    }

    @Override
    public SimEvent next() {
        if (lookahead == null && transactions.hasNext()) {
            lookahead = transactions.next();
        }
        Pending head = pending.peek();
        if (lookahead != null && (head == null || head.label().labelTime().isAfter(lookahead.txDatetime()))) {
            CardTransaction tx = lookahead;
            lookahead = null;
            schedule(tx);
            return tx;
        }
        if (head == null) {
            throw new NoSuchElementException();
        }
        return pending.poll().label();
    }

    private void schedule(CardTransaction tx) {
        var labelTime = tx.txDatetime().plus(labelDelay.delayFor(tx.isFraud(), delays));
        pending.add(new Pending(new FraudLabel(tx.transactionId(), tx.scenario(), labelTime), sequence++));
    }

    /** Labels scheduled but not yet emitted. */
    public int pendingLabels() {
        return pending.size();
    }
}
