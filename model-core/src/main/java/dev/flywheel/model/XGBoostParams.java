package dev.flywheel.model;

import static dev.flywheel.model.CandidateParams.integer;
import static dev.flywheel.model.CandidateParams.number;
import static dev.flywheel.model.CandidateParams.require;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

import dev.flywheel.contracts.spec.ModelType;

/**
 * How an {@code xgboost} candidate is trained, read from a spec candidate's {@code params}.
 *
 * <table>
 *   <caption>params</caption>
 *   <tr><th>key</th><th>meaning (XGBoost's name)</th><th>default</th></tr>
 *   <tr><td>{@code rounds}</td><td>boosting rounds, one tree each</td><td>100</td></tr>
 *   <tr><td>{@code maxDepth}</td><td>depth of a tree ({@code max_depth})</td><td>6</td></tr>
 *   <tr><td>{@code eta}</td><td>learning rate ({@code eta})</td><td>0.1</td></tr>
 *   <tr><td>{@code subsample}</td><td>rows sampled per tree ({@code subsample})</td><td>1.0</td></tr>
 *   <tr><td>{@code colsampleByTree}</td><td>features sampled per tree ({@code colsample_bytree})</td><td>1.0</td></tr>
 *   <tr><td>{@code minChildWeight}</td><td>least hessian sum in a leaf ({@code min_child_weight})</td><td>1.0</td></tr>
 *   <tr><td>{@code positiveWeight}</td><td>{@code scale_pos_weight}; {@code balanced} = negatives / positives
 *       of the training slice</td><td>balanced</td></tr>
 *   <tr><td>{@code threads}</td><td>{@code nthread}</td><td>1</td></tr>
 *   <tr><td>{@code seed}</td><td>seeds row and column sampling</td><td>42</td></tr>
 * </table>
 *
 * @param positiveWeight empty: balanced
 */
public record XGBoostParams(int rounds, int maxDepth, double eta, double subsample, double colsampleByTree,
                            double minChildWeight, OptionalDouble positiveWeight, int threads, int seed)
        implements CandidateTraining {

    static final Set<String> KEYS = Set.of("rounds", "maxDepth", "eta", "subsample", "colsampleByTree",
            "minChildWeight", "positiveWeight", "threads", "seed");

    public XGBoostParams {
        require(rounds >= 1, "rounds must be >= 1 but was " + rounds);
        require(maxDepth >= 1, "maxDepth must be >= 1 but was " + maxDepth);
        require(eta > 0 && eta <= 1, "eta must be in (0, 1] but was " + eta);
        require(subsample > 0 && subsample <= 1, "subsample must be in (0, 1] but was " + subsample);
        require(colsampleByTree > 0 && colsampleByTree <= 1, "colsampleByTree must be in (0, 1] but was "
                + colsampleByTree);
        require(minChildWeight >= 0 && Double.isFinite(minChildWeight), "minChildWeight must be >= 0 but was "
                + minChildWeight);
        positiveWeight.ifPresent(weight -> require(weight > 0 && Double.isFinite(weight),
                "positiveWeight must be > 0 or 'balanced' but was " + weight));
        require(threads >= 1, "threads must be >= 1 but was " + threads);
    }

    /**
     * The params of a spec candidate, defaults filled in.
     *
     * @throws IllegalArgumentException naming every unknown key or the wrong value
     */
    public static XGBoostParams of(Map<String, Object> params) {
        CandidateParams.requireKnown(params, KEYS, Set.of(), ModelType.XGBOOST.keyword());
        return new XGBoostParams(integer(params.getOrDefault("rounds", 100), "rounds"),
                integer(params.getOrDefault("maxDepth", 6), "maxDepth"),
                number(params.getOrDefault("eta", 0.1), "eta"),
                number(params.getOrDefault("subsample", 1.0), "subsample"),
                number(params.getOrDefault("colsampleByTree", 1.0), "colsampleByTree"),
                number(params.getOrDefault("minChildWeight", 1.0), "minChildWeight"),
                CandidateParams.positiveWeight(params.getOrDefault("positiveWeight", "balanced")),
                integer(params.getOrDefault("threads", 1), "threads"),
                integer(params.getOrDefault("seed", 42), "seed"));
    }

    @Override
    public String modelType() {
        return ModelType.XGBOOST.keyword();
    }

    @Override
    public String resourceParam() {
        return "rounds";
    }

    @Override
    public int resource() {
        return rounds;
    }

    /** One step per boosting round. */
    @Override
    public long steps(int trainRows) {
        return rounds;
    }

    @Override
    public TrainedBooster train(LabelledMatrix data, TrainingProgress progress) {
        return XGBoostTrainer.train(data, this, progress);
    }

    @Override
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("rounds", rounds);
        map.put("maxDepth", maxDepth);
        map.put("eta", eta);
        map.put("subsample", subsample);
        map.put("colsampleByTree", colsampleByTree);
        map.put("minChildWeight", minChildWeight);
        map.put("positiveWeight", positiveWeight.isPresent() ? positiveWeight.getAsDouble() : "balanced");
        map.put("threads", threads);
        map.put("seed", seed);
        return map;
    }

}
