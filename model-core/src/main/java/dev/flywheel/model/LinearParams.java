package dev.flywheel.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.flywheel.contracts.spec.ModelTask;
import dev.flywheel.contracts.spec.ModelType;

/**
 * How a {@code linear_regression} candidate is fitted: ordinary least squares with an intercept, solved exactly
 * (QR decomposition, Commons Math's {@code OLSMultipleLinearRegression}), so the coefficients are scikit-learn's
 * {@code LinearRegression}'s. It takes no params: there is nothing to tune, and one fit is one pass.
 */
public record LinearParams() implements CandidateTraining {

    static final Set<String> KEYS = Set.of();

    /**
     * @throws IllegalArgumentException naming any param, since none is accepted
     */
    public static LinearParams of(Map<String, Object> params) {
        CandidateParams.requireKnown(params, KEYS, Set.of(), ModelType.LINEAR_REGRESSION.keyword());
        return new LinearParams();
    }

    @Override
    public String modelType() {
        return ModelType.LINEAR_REGRESSION.keyword();
    }

    @Override
    public long steps(int trainRows) {
        return 1;
    }

    /** One exact solve: halving has nothing to shorten, so the resource is that one pass. */
    @Override
    public String resourceParam() {
        return "passes";
    }

    @Override
    public int resource() {
        return 1;
    }

    @Override
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("solver", "ols");
        map.put(TaskParam.KEY, ModelTask.REGRESSION.keyword());
        return map;
    }

    @Override
    public TrainedLinear train(LabelledMatrix data, TrainingProgress progress) {
        return LinearTrainer.train(data, progress);
    }
}
