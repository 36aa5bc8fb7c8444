package dev.flywheel.training.tuning;

import java.util.List;
import java.util.Map;

import dev.flywheel.contracts.spec.TuningSpec;
import dev.flywheel.model.CandidateTraining;

/**
 * How one candidate will be tuned, settled before any training: the sampled configurations, the rungs they go
 * through, and the param that is the halving resource.
 *
 * @param configurations the sampled values of the searched params, trial 1 first
 * @param resourceParam  {@code epochs} or {@code rounds}; set per rung when halving, else as configured
 */
public record TuningPlan(TuningSpec budget, List<Map<String, Object>> configurations, HalvingSchedule schedule,
                         String resourceParam) {

    public TuningPlan {
        configurations = List.copyOf(configurations);
    }

    /** The earlier part of the training slice that trials fit on; the rest scores them. */
    public int fitRows(int trainRows) {
        return (int) Math.round(trainRows * (1 - budget.validation()));
    }

    /**
     * Progress steps of every trial training plus the final fit of the winner on the whole training slice, a
     * training's steps taken as proportional to its resource.
     *
     * @param base the candidate's training with its fixed params
     */
    public long steps(CandidateTraining base, int trainRows) {
        double perUnit = (double) base.steps(fitRows(trainRows)) / base.resource();
        return schedule.totalSteps(resource -> Math.round(perUnit * resource)) + base.steps(trainRows);
    }
}
