package dev.flywheel.training.tuning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

/**
 * Runs the trials of one candidate through a {@link HalvingSchedule}: consumes the sampled configurations and a
 * {@link Trainer} that trains one configuration with a resource and returns its validation score; produces a
 * {@link TrialReport} per configuration and the best trial. The trials of a rung train in parallel, up to
 * {@code parallelism} at once; the survivors of a rung are its best completed trials by score (ties broken by trial
 * number), so the outcome does not depend on which thread finished first. No training starts once the time budget
 * is spent: trials that did not get to train at a rung stop early, and the best at the highest rung reached wins.
 */
public final class SuccessiveHalving {

    /** Trains one configuration. Thread-safe: trials of a rung call it concurrently. */
    @FunctionalInterface
    public interface Trainer {

        /**
         * @param trial    1-based trial number
         * @param resource epochs or boosting rounds to train with
         * @return the validation score (NaN when undefined) and the resource actually used (a searched resource
         *         without halving is the configuration's own)
         * @throws RuntimeException when the training fails; the trial is recorded as failed with the message
         */
        Trained train(int trial, Map<String, Object> params, int rung, int resource);
    }

    /** What one training of a trial yielded. */
    public record Trained(double score, int resource) {
    }

    /** Told as trials start and finish; called from the training threads. */
    public interface Listener {

        Listener NONE = new Listener() {
        };

        default void onTrialStarted(int trial, int rung, int resource) {
        }

        default void onTrialFinished(int trial, int rung, double score) {
        }
    }

    /** How scores compare: {@code isBetter(a, b)} when a is strictly better; NaN is never better. */
    @FunctionalInterface
    public interface Ranking {

        boolean isBetter(double a, double b);
    }

    /**
     * @param best the trial (1-based) with the best score at the highest rung any trial completed; empty when
     *             none completed a training
     */
    public record Outcome(List<TrialReport> trials, Optional<Integer> best, boolean timeBudgetSpent) {

        public Outcome {
            trials = List.copyOf(trials);
        }

        public Optional<TrialReport> bestTrial() {
            return best.map(number -> trials.get(number - 1));
        }
    }

    /**
     * @param maxTime    no training starts after this much time from the call; empty: no limit
     * @param nanoClock  the clock the budget is measured on ({@link System#nanoTime} outside tests)
     */
    public static Outcome run(String candidate, List<Map<String, Object>> configurations, HalvingSchedule schedule,
                              Trainer trainer, Ranking ranking, int parallelism, Optional<Duration> maxTime,
                              LongSupplier nanoClock, Listener listener) {
        long deadline = maxTime.map(limit -> nanoClock.getAsLong() + limit.toNanos()).orElse(Long.MAX_VALUE);
        List<TrialState> states = new ArrayList<>();
        for (int i = 0; i < configurations.size(); i++) {
            states.add(new TrialState(i + 1, configurations.get(i)));
        }
        List<TrialState> active = new ArrayList<>(states);
        boolean spent = false;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, active.size())),
                runnable -> {
                    Thread thread = new Thread(runnable, "tuning-" + candidate);
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            int highestCompleted = -1;
            for (HalvingSchedule.Rung rung : schedule.rungs()) {
                List<Future<?>> futures = new ArrayList<>();
                for (TrialState state : active) {
                    futures.add(pool.submit(() -> state.trainAt(rung, trainer, deadline, nanoClock, listener)));
                }
                awaitAll(futures);
                spent |= active.stream().anyMatch(state -> state.outOfTime);
                List<TrialState> completed = active.stream().filter(state -> state.completedRung == rung.index())
                        .sorted(bestFirst(ranking)).toList();
                if (!completed.isEmpty()) {
                    highestCompleted = rung.index();
                }
                int keep = schedule.survivorsOf(rung.index());
                if (keep == 0) {
                    break;
                }
                if (nanoClock.getAsLong() >= deadline) {
                    spent = true;
                    completed.forEach(state -> state.stop("the time budget " + maxTime.orElseThrow()
                            + " was spent before rung " + (rung.index() + 1)));
                    break;
                }
                for (int i = keep; i < completed.size(); i++) {
                    completed.get(i).stop("halving: rank " + (i + 1) + " of " + completed.size() + " at rung "
                            + rung.index() + " (resource " + rung.resource() + "); the best " + keep + " went on");
                }
                active = completed.subList(0, Math.min(keep, completed.size()));
            }
            int top = highestCompleted;
            Optional<Integer> best = states.stream().filter(state -> state.completedRung == top && top >= 0)
                    .sorted(bestFirst(ranking)).findFirst().map(state -> state.trial);
            return new Outcome(states.stream().map(state -> state.report(candidate)).toList(), best, spent);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Comparator<TrialState> bestFirst(Ranking ranking) {
        return (a, b) -> ranking.isBetter(a.score, b.score) ? -1 : ranking.isBetter(b.score, a.score) ? 1
                : Integer.compare(a.trial, b.trial);
    }

    private static void awaitAll(List<Future<?>> futures) {
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(f -> f.cancel(true));
                throw new IllegalStateException("tuning was interrupted", e);
            } catch (ExecutionException e) {
                // TrialState.trainAt records every failure itself; anything else is a bug worth surfacing.
                throw new IllegalStateException("a trial broke the tuning: " + e.getCause(), e.getCause());
            }
        }
    }

    /** One trial's record while the schedule runs; each is touched by one thread at a time. */
    private static final class TrialState {

        final int trial;
        final Map<String, Object> params;
        final List<Double> rungScores = new ArrayList<>();
        int completedRung = -1;
        int resource;
        double score = Double.NaN;
        long nanos;
        String status = TrialReport.COMPLETED;
        String message = "";
        boolean outOfTime;

        TrialState(int trial, Map<String, Object> params) {
            this.trial = trial;
            this.params = params;
        }

        void trainAt(HalvingSchedule.Rung rung, Trainer trainer, long deadline, LongSupplier clock,
                     Listener listener) {
            long start = clock.getAsLong();
            if (start >= deadline) {
                outOfTime = true;
                stop(rung.index() == 0 ? "the time budget was spent before it could train"
                        : "the time budget was spent before rung " + rung.index());
                return;
            }
            listener.onTrialStarted(trial, rung.index(), rung.resource());
            try {
                Trained trained = trainer.train(trial, params, rung.index(), rung.resource());
                double value = trained.score();
                score = value;
                rungScores.add(Double.isNaN(value) ? null : value);
                completedRung = rung.index();
                resource = trained.resource();
                listener.onTrialFinished(trial, rung.index(), value);
            } catch (RuntimeException e) {
                status = TrialReport.FAILED;
                message = String.valueOf(e.getMessage());
                resource = rung.resource();
                listener.onTrialFinished(trial, rung.index(), Double.NaN);
            } finally {
                nanos += clock.getAsLong() - start;
            }
        }

        void stop(String why) {
            if (!TrialReport.FAILED.equals(status)) {
                status = TrialReport.STOPPED_EARLY;
                message = why;
            }
        }

        TrialReport report(String candidate) {
            return new TrialReport(candidate, trial, params, completedRung, resource,
                    completedRung < 0 || Double.isNaN(score) ? null : score, rungScores, nanos / 1_000_000, status,
                    message);
        }
    }
}
