package dev.flywheel.contracts.spec;

/**
 * What running a model costs: CPU-hours of training and serving at a rate.
 *
 * @param cpuHourRate  money per CPU-hour
 * @param servingCpus  CPUs the serving of one model version keeps busy around the clock
 */
public record RunningCosts(double cpuHourRate, double servingCpus) {

    public static final RunningCosts NONE = new RunningCosts(0, 0);
    public static final double DEFAULT_SERVING_CPUS = 1;

    public RunningCosts {
        if (!(cpuHourRate >= 0) || !(servingCpus >= 0)) {
            throw new IllegalArgumentException("running costs must be >= 0: cpuHourRate " + cpuHourRate
                    + ", servingCpus " + servingCpus);
        }
    }

    /** The serving cost of a day. */
    public double servingPerDay() {
        return servingCpus * 24 * cpuHourRate;
    }
}
