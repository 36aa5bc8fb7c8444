package dev.flywheel.training.tuning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.flywheel.contracts.spec.ModelCandidate;
import dev.flywheel.contracts.spec.SearchDimension;
import dev.flywheel.contracts.spec.SearchSpace;
import dev.flywheel.contracts.spec.TuningSpec;
import dev.flywheel.model.CandidateTraining;
import dev.flywheel.model.ModelFamilies;

/**
 * The candidates of a spec sorted into those that will train (their params read by their family, their search
 * space checked against what the family accepts and sampled) and those skipped with a reason, before any
 * training starts, so that the run knows its total steps for progress and ETA.
 */
public record CandidatePlan(List<Planned> trainable, List<CandidateReport> skipped) {

    public CandidatePlan {
        trainable = List.copyOf(trainable);
        skipped = List.copyOf(skipped);
    }

    /**
     * A candidate that will be trained.
     *
     * @param training its training with its fixed params
     * @param tuning   how it is tuned; empty: trained once with {@code training}
     */
    public record Planned(ModelCandidate candidate, CandidateTraining training, Optional<TuningPlan> tuning) {

        public Planned(ModelCandidate candidate, CandidateTraining training) {
            this(candidate, training, Optional.empty());
        }

        /** Progress steps (network batches over all epochs, boosting rounds; every trial's) on {@code trainRows} rows. */
        public long steps(int trainRows) {
            return tuning.map(plan -> plan.steps(training, trainRows)).orElseGet(() -> training.steps(trainRows));
        }
    }

    /** Without tuning: every candidate trained once with its params. */
    public static CandidatePlan of(List<ModelCandidate> candidates) {
        return of(candidates, Optional.empty());
    }

    /**
     * @param tuning the spec's {@code model.training.tuning}; candidates with a {@code search} are tuned within it
     */
    public static CandidatePlan of(List<ModelCandidate> candidates, Optional<TuningSpec> tuning) {
        List<Planned> trainable = new ArrayList<>();
        List<CandidateReport> skipped = new ArrayList<>();
        for (int index = 0; index < candidates.size(); index++) {
            ModelCandidate candidate = candidates.get(index);
            Optional<String> problem = Optional.empty();
            CandidateTraining training = null;
            Optional<TuningPlan> plan = Optional.empty();
            if (ModelFamilies.trainerOf(candidate.type()).isEmpty()) {
                problem = Optional.of("model type '" + candidate.type().keyword() + "' is not supported yet");
            } else {
                try {
                    training = ModelFamilies.training(candidate.type(), candidate.params());
                    if (candidate.search().isPresent()) {
                        if (tuning.isEmpty()) {
                            throw new IllegalArgumentException("model.candidates[" + index
                                    + "].search: a search space needs model.training.tuning");
                        }
                        plan = Optional.of(tuningPlan(candidate, index, training, candidate.search().get(),
                                tuning.get()));
                    }
                } catch (IllegalArgumentException e) {
                    problem = Optional.of(e.getMessage());
                }
            }
            if (problem.isPresent()) {
                skipped.add(new CandidateReport(candidate.name(), candidate.type().keyword(), CandidateReport.SKIPPED,
                        problem.get(), null, 0));
            } else {
                trainable.add(new Planned(candidate, training, plan));
            }
        }
        return new CandidatePlan(trainable, skipped);
    }

    public long totalSteps(int trainRows) {
        return trainable.stream().mapToLong(planned -> planned.steps(trainRows)).sum();
    }

    /**
     * Checks every searched param against the family (its name, and each end or value as the family reads it,
     * so a bad value is refused before any trial trains) and samples the configurations; the sampling seed is
     * the budget's seed plus the candidate's position, so candidates draw independently and reproducibly.
     *
     * @throws IllegalArgumentException naming the spec path of the first problem
     */
    private static TuningPlan tuningPlan(ModelCandidate candidate, int index, CandidateTraining training,
                                         SearchSpace search, TuningSpec budget) {
        String path = "model.candidates[" + index + "].search.";
        String type = candidate.type().keyword();
        Set<String> accepted = ModelFamilies.paramNames(candidate.type());
        for (Map.Entry<String, SearchDimension> entry : search.dimensions().entrySet()) {
            String name = entry.getKey();
            if (!accepted.contains(name)) {
                throw new IllegalArgumentException(path + name + ": unknown param for " + type + "; allowed: "
                        + new TreeSet<>(accepted));
            }
            if (budget.halving().isPresent() && name.equals(training.resourceParam())) {
                throw new IllegalArgumentException(path + name + ": " + name + " is the halving resource of " + type
                        + "; fix the full " + name + " in params, or drop model.training.tuning.halving");
            }
            if (entry.getValue() instanceof SearchDimension.Range range) {
                tryValue(candidate, path + name + ".min", name, rangeValue(range, range.min()));
                tryValue(candidate, path + name + ".max", name, rangeValue(range, range.max()));
            } else {
                List<Object> values = ((SearchDimension.Choice) entry.getValue()).values();
                for (int i = 0; i < values.size(); i++) {
                    tryValue(candidate, path + name + "[" + i + "]", name, values.get(i));
                }
            }
        }
        HalvingSchedule schedule;
        List<Map<String, Object>> configurations = SearchSampler.sample(search, budget.trials(), budget.seed() + index);
        try {
            schedule = HalvingSchedule.of(configurations.size(), budget.halving(), training.resource());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model.training.tuning.halving.minResource: "
                    + budget.halving().orElseThrow().minResource() + " is above the full " + training.resourceParam()
                    + " of candidate " + candidate.name() + " (" + training.resource() + ")");
        }
        return new TuningPlan(budget, configurations, schedule, training.resourceParam());
    }

    private static Object rangeValue(SearchDimension.Range range, double end) {
        return range.integer() ? (Object) (int) end : (Object) end;
    }

    private static void tryValue(ModelCandidate candidate, String path, String name, Object value) {
        Map<String, Object> params = new LinkedHashMap<>(candidate.params());
        params.put(name, value);
        try {
            ModelFamilies.training(candidate.type(), params);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }
}
