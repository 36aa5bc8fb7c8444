package dev.flywheel.training.tuning;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.flywheel.contracts.spec.ModelCandidate;
import dev.flywheel.model.TrainingParams;

/**
 * The candidates of a spec sorted into those that will train (with their parameters) and those skipped
 * with a reason, before any training starts, so that the run knows its total steps for progress and ETA.
 */
public record CandidatePlan(List<Planned> trainable, List<CandidateReport> skipped) {

    public CandidatePlan {
        trainable = List.copyOf(trainable);
        skipped = List.copyOf(skipped);
    }

    /** A candidate that will be trained. */
    public record Planned(ModelCandidate candidate, TrainingParams params) {

        /** Optimisation steps (batches over all epochs) on {@code trainRows} rows. */
        public long steps(int trainRows) {
            return (long) params.epochs() * ((trainRows + params.batchSize() - 1) / params.batchSize());
        }
    }

    public static CandidatePlan of(List<ModelCandidate> candidates) {
        List<Planned> trainable = new ArrayList<>();
        List<CandidateReport> skipped = new ArrayList<>();
        for (ModelCandidate candidate : candidates) {
            Optional<String> problem = Optional.empty();
            TrainingParams params = null;
            if (!TrainingParams.SUPPORTED.contains(candidate.type())) {
                problem = Optional.of("model type '" + candidate.type().keyword() + "' is not supported yet");
            } else {
                try {
                    params = TrainingParams.of(candidate.type(), candidate.params());
                } catch (IllegalArgumentException e) {
                    problem = Optional.of(e.getMessage());
                }
            }
            if (problem.isPresent()) {
                skipped.add(new CandidateReport(candidate.name(), candidate.type().keyword(), CandidateReport.SKIPPED,
                        problem.get(), null, 0));
            } else {
                trainable.add(new Planned(candidate, params));
            }
        }
        return new CandidatePlan(trainable, skipped);
    }

    public long totalSteps(int trainRows) {
        return trainable.stream().mapToLong(planned -> planned.steps(trainRows)).sum();
    }
}
