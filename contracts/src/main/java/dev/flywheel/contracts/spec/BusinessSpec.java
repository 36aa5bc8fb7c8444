package dev.flywheel.contracts.spec;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The {@code business} section: what decisions are worth, what running a model costs, how many cases a team
 * can review, and the goals the pipeline is held to. Training picks the value-maximising threshold with it;
 * the monitor measures realised value and tracks the goals.
 *
 * @param capacityPerDay how many flagged cases the team can review a day: the k of precision@k per day
 */
public record BusinessSpec(CostMatrix costs, OptionalInt capacityPerDay, RunningCosts running,
                           List<BusinessGoal> goals) {

    public BusinessSpec {
        Objects.requireNonNull(costs, "costs");
        Objects.requireNonNull(capacityPerDay, "capacityPerDay");
        Objects.requireNonNull(running, "running");
        goals = List.copyOf(goals);
    }
}
