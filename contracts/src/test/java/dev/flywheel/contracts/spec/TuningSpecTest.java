package dev.flywheel.contracts.spec;

import static dev.flywheel.contracts.spec.TestSpecs.minimalWith;
import static dev.flywheel.contracts.spec.TestSpecs.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** A candidate's {@code search} space and the tuning budget {@code model.training.tuning}. */
class TuningSpecTest {

    private static final String ORIGINAL = "  candidates:\n    - {name: logistic, type: logistic_regression}\n";

    @Test
    void aSearchSpaceAndABudgetAreBound() {
        // Given a candidate with ranges (log, integer) and a choice, and a budget with every key
        String yaml = minimalWith(ORIGINAL, """
                  candidates:
                    - name: net
                      type: mlp
                      params: {batchSize: 128}
                      search:
                        learningRate: {min: 1e-4, max: 1e-1, log: true}
                        hidden: [[16], [32, 16]]
                        epochs: {min: 3, max: 8, integer: true}
                  training:
                    tuning: {trials: 12, maxTime: 10m, halving: {eta: 3, minResource: 2}, parallelism: 2, seed: 7,
                             validation: 0.25}
                """);

        // When
        ModelSpec model = PipelineSpecs.parse("tuned.yaml", yaml).model();

        // Then the search keeps the file's order and the budget every value
        ModelCandidate net = model.candidates().get(0);
        assertThat(net.params()).isEqualTo(Map.of("batchSize", 128));
        assertThat(net.search().orElseThrow().dimensions()).containsExactly(
                Map.entry("learningRate", new SearchDimension.Range(1e-4, 0.1, true, false)),
                Map.entry("hidden", new SearchDimension.Choice(List.of(List.of(16), List.of(32, 16)))),
                Map.entry("epochs", new SearchDimension.Range(3, 8, false, true)));
        assertThat(model.training().tuning()).contains(new TuningSpec(12, Optional.of(Duration.ofMinutes(10)),
                Optional.of(new TuningSpec.Halving(3, 2)), 2, 7, 0.25));
    }

    @Test
    void omittedBudgetKeysTakeTheirDefaultsAndNoTuningIsTodaysBehaviour() {
        String yaml = minimalWith(ORIGINAL, ORIGINAL + "  training: {tuning: {}}\n");

        assertThat(PipelineSpecs.parse("tuned.yaml", yaml).model().training().tuning()).contains(new TuningSpec(
                TuningSpec.DEFAULT_TRIALS, Optional.empty(), Optional.empty(), TuningSpec.DEFAULT_PARALLELISM,
                TuningSpec.DEFAULT_SEED, TuningSpec.DEFAULT_VALIDATION));
        ModelSpec untuned = PipelineSpecs.parse("minimal.yaml", TestSpecs.resource("minimal.yaml")).model();
        assertThat(untuned.training().tuning()).isEmpty();
        assertThat(untuned.candidates()).allSatisfy(candidate -> assertThat(candidate.search()).isEmpty());
    }

    @Test
    void everyBadSearchKeyIsNamedByItsPath() {
        // Given ranges that are upside down, log through 0, fractional for integers, and values that are neither
        String yaml = minimalWith(ORIGINAL, """
                  candidates:
                    - name: boosted
                      type: xgboost
                      params: {eta: 0.1}
                      search:
                        maxDepth: {min: 8, max: 3, integer: true}
                        eta: [0.05, 0.1]
                        subsample: {min: 0, max: 1, log: true}
                        minChildWeight: {min: 0.5, max: 4, integer: true, step: 1}
                        colsampleByTree: 0.5
                        rounds: []
                        threads: {max: 4}
                  training: {tuning: {trials: 4}}
                """);

        // When
        List<SpecProblem> problems = problemsOf("tuned.yaml", yaml);

        // Then
        String search = "model.candidates[0].search.";
        assertThat(problems).extracting(SpecProblem::path, SpecProblem::message).contains(
                tuple(search + "maxDepth.max", "must be above min (8.0) but was 3.0"),
                tuple(search + "eta", "eta is fixed in params too; keep it in one of params and search"),
                tuple(search + "subsample.min", "a log range needs min > 0 but was 0.0"),
                tuple(search + "minChildWeight.min", "an integer range needs a whole number but was 0.5"),
                tuple(search + "rounds", "list at least one value to choose from"),
                tuple(search + "threads.min", "required key is missing"));
        assertThat(problems).extracting(SpecProblem::path).contains(search + "minChildWeight.step",
                search + "colsampleByTree");
        assertThat(problems).filteredOn(p -> p.path().equals(search + "colsampleByTree")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("{min: 0.0001, max: 0.1, log: true}"));
    }

    @Test
    void aSearchWithoutABudgetAndABadBudgetAreRefused() {
        String withoutBudget = minimalWith(ORIGINAL, """
                  candidates:
                    - {name: net, type: mlp, search: {learningRate: {min: 0.001, max: 0.1}}}
                """);
        String badBudget = minimalWith(ORIGINAL, ORIGINAL + """
                  training:
                    tuning: {trials: 0, maxTime: 0s, halving: {eta: 1}, parallelism: 0, validation: 1, budget: 3}
                """);

        assertThat(problemsOf("tuned.yaml", withoutBudget)).extracting(SpecProblem::path, SpecProblem::message)
                .containsExactly(tuple("model.candidates[0].search",
                        "a search space needs a budget: declare model.training.tuning (e.g. {trials: 12})"));
        String tuning = "model.training.tuning.";
        assertThat(problemsOf("tuned.yaml", badBudget)).extracting(SpecProblem::path).containsExactlyInAnyOrder(
                tuning + "trials", tuning + "maxTime", tuning + "halving.eta", tuning + "halving.minResource",
                tuning + "parallelism", tuning + "validation", tuning + "budget");
    }
}
