package dev.flywheel.model.value;

import java.time.Duration;
import java.util.Optional;

import dev.flywheel.contracts.spec.RunningCosts;

/**
 * What a model version costs a day to run: serving CPUs around the clock plus its training, counted as the run's
 * wall time on every CPU of the machine and repeated as often as the spec's schedule retrains (once a day
 * without a schedule: monitoring-started retrains are not predictable, a day is the conservative guess).
 */
public final class RunningCost {

    private static final double SECONDS_PER_DAY = 86_400;

    private RunningCost() {
    }

    /**
     * @param training  wall time of the training run
     * @param cpus      CPUs the training could use
     * @param schedule  the spec's retraining period, if any
     */
    public static double perDay(RunningCosts costs, Duration training, int cpus, Optional<Duration> schedule) {
        double trainingCpuHours = training.toMillis() / 3_600_000.0 * cpus;
        double runsPerDay = schedule.filter(period -> !period.isZero())
                .map(period -> SECONDS_PER_DAY / period.toSeconds()).orElse(1.0);
        return costs.servingPerDay() + trainingCpuHours * runsPerDay * costs.cpuHourRate();
    }
}
