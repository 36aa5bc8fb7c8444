package dev.flywheel.training.tuning;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.flywheel.contracts.spec.ModelCandidate;
import dev.flywheel.model.CandidateTraining;
import dev.flywheel.model.ModelFamilies;

/**
 * The candidates of a spec sorted into those that will train (their params read by their family) and those
 * skipped with a reason, before any training starts, so that the run knows its total steps for progress
 * and ETA.
 */
public record CandidatePlan(List<Planned> trainable, List<CandidateReport> skipped) {

    public CandidatePlan {
        trainable = List.copyOf(trainable);
        skipped = List.copyOf(skipped);
    }

    /** A candidate that will be trained. */
    public record Planned(ModelCandidate candidate, CandidateTraining training) {

        /** Progress steps (network batches over all epochs, boosting rounds) on {@code trainRows} rows. */
        public long steps(int trainRows) {
            return training.steps(trainRows);
        }
    }

    public static CandidatePlan of(List<ModelCandidate> candidates) {
        List<Planned> trainable = new ArrayList<>();
        List<CandidateReport> skipped = new ArrayList<>();
        for (ModelCandidate candidate : candidates) {
            Optional<String> problem = Optional.empty();
            CandidateTraining training = null;
            if (ModelFamilies.trainerOf(candidate.type()).isEmpty()) {
                problem = Optional.of("model type '" + candidate.type().keyword() + "' is not supported yet");
            } else {
                try {
                    training = ModelFamilies.training(candidate.type(), candidate.params());
                } catch (IllegalArgumentException e) {
                    problem = Optional.of(e.getMessage());
                }
            }
            if (problem.isPresent()) {
                skipped.add(new CandidateReport(candidate.name(), candidate.type().keyword(), CandidateReport.SKIPPED,
                        problem.get(), null, 0));
            } else {
                trainable.add(new Planned(candidate, training));
            }
        }
        return new CandidatePlan(trainable, skipped);
    }

    public long totalSteps(int trainRows) {
        return trainable.stream().mapToLong(planned -> planned.steps(trainRows)).sum();
    }
}
