package dev.flywheel.training.tuning;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntToLongFunction;

import dev.flywheel.contracts.spec.TuningSpec;

/**
 * The rungs of successive halving for one candidate: consumes the number of configurations, the halving settings
 * and the candidate's full resource (epochs, boosting rounds); produces, per rung, the resource each trial trains
 * with and how many trials train at it. Rung 0 trains every configuration with {@code minResource}; each next
 * rung keeps the best {@code 1/eta} (at least one) with {@code eta} times the resource; the last rung trains with
 * the full resource. Once a single trial is left it goes straight to the last rung: nothing is left to compare.
 * Without halving there is one rung: every trial with the full resource.
 */
public record HalvingSchedule(List<Rung> rungs) {

    /** @param trials how many configurations train at this rung */
    public record Rung(int index, int resource, int trials) {
    }

    public HalvingSchedule {
        rungs = List.copyOf(rungs);
        if (rungs.isEmpty()) {
            throw new IllegalArgumentException("a schedule has at least one rung");
        }
    }

    /**
     * @param maxResource the candidate's full resource; the last rung's
     * @throws IllegalArgumentException when {@code minResource} is above {@code maxResource}
     */
    public static HalvingSchedule of(int configurations, Optional<TuningSpec.Halving> halving, int maxResource) {
        if (halving.isEmpty() || configurations <= 1) {
            return new HalvingSchedule(List.of(new Rung(0, maxResource, configurations)));
        }
        int eta = halving.get().eta();
        int minResource = halving.get().minResource();
        if (minResource > maxResource) {
            throw new IllegalArgumentException("minResource " + minResource + " is above the full resource "
                    + maxResource);
        }
        List<Rung> rungs = new ArrayList<>();
        long resource = minResource;
        int trials = configurations;
        while (resource < maxResource && trials > 1) {
            rungs.add(new Rung(rungs.size(), (int) resource, trials));
            resource *= eta;
            trials = Math.max(1, trials / eta);
        }
        rungs.add(new Rung(rungs.size(), maxResource, trials));
        return new HalvingSchedule(rungs);
    }

    public Rung last() {
        return rungs.get(rungs.size() - 1);
    }

    /** How many trials go on from rung {@code index} to the next; 0 after the last. */
    public int survivorsOf(int index) {
        return index + 1 < rungs.size() ? rungs.get(index + 1).trials() : 0;
    }

    /** Progress steps of the whole schedule, given the steps of one training with a resource. */
    public long totalSteps(IntToLongFunction stepsOfResource) {
        return rungs.stream().mapToLong(rung -> rung.trials() * stepsOfResource.applyAsLong(rung.resource())).sum();
    }

    /** How many trainings the schedule runs at most. */
    public int trainings() {
        return rungs.stream().mapToInt(Rung::trials).sum();
    }
}
