package dev.flywheel.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The simulated payments, in time order, generated one day at a time so that a multi-month run
 * never sits in memory and can feed Kafka live. For each day: genuine spending, then scenarios 1,
 * 2, 3 in the handbook's order, then the drift pattern; the day is sorted by time (ties keep
 * customer then draw order) and numbered with a running counter, as the handbook ranks its sorted table.
 */
public final class TransactionStream implements Iterator<CardTransaction> {

    private final Instant start;
    private final int endDay;
    private final DailySpending spending;
    private final List<FraudInjector> injectors;
    private final List<CardTransaction> today = new ArrayList<>();
    private int nextDay;
    private int positionToday;
    private long nextId;

    /**
     * @param limitDays stop after this many days (at most the config's days); the output is then a
     *                  prefix of the full run's
     */
    TransactionStream(SimulationConfig config, Population population, int limitDays) {
        Seeds seeds = new Seeds(config.seed());
        this.start = config.start();
        this.endDay = Math.min(limitDays, config.days());
        this.spending = new DailySpending(population, seeds);
        int drawDaysEnd = config.days() - 1;
        this.injectors = List.of(
                new LargeAmountFrauds(),
                new CompromisedTerminalFrauds(config.terminals(), drawDaysEnd, seeds),
                new CompromisedCardFrauds(config.customers(), drawDaysEnd, seeds),
                new CardTestingFrauds(config.newFraudPattern(), config.customers(), config.terminals(), seeds));
    }

    @Override
    public boolean hasNext() {
        while (positionToday == today.size() && nextDay < endDay) {
            generateDay(nextDay++);
        }
        return positionToday < today.size();
    }

    @Override
    public CardTransaction next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return today.get(positionToday++);
    }

    private void generateDay(int day) {
        List<DraftTransaction> drafts = new ArrayList<>(16_384);
        spending.generate(day, drafts);
        for (FraudInjector injector : injectors) {
            injector.apply(day, drafts);
        }
        drafts.sort(Comparator.comparingLong(DraftTransaction::timeSeconds));
        today.clear();
        positionToday = 0;
        for (DraftTransaction d : drafts) {
            today.add(new CardTransaction(Long.toString(nextId++), start.plusSeconds(d.timeSeconds()), d.customerId(),
                    d.terminalId(), d.amountCents(), d.timeSeconds(), day, d.scenario()));
        }
    }

    /** Days generated so far. */
    public int daysGenerated() {
        return nextDay;
    }

    /** Times of day drawn so far, kept or not. */
    public long timeDraws() {
        return spending.timeDraws();
    }

    /** Time-of-day draws dropped for falling outside (0, 86400) — the handbook loses about 3 %. */
    public long droppedTimeDraws() {
        return spending.droppedTimeDraws();
    }
}
