package dev.flywheel.model;

import static dev.flywheel.model.CandidateParams.integer;
import static dev.flywheel.model.CandidateParams.number;
import static dev.flywheel.model.CandidateParams.require;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

import dev.flywheel.contracts.spec.ModelType;

/**
 * How one candidate network is trained, read from a spec candidate's {@code params}.
 *
 * <table>
 *   <caption>params</caption>
 *   <tr><th>key</th><th>meaning</th><th>default (mlp / logistic_regression)</th></tr>
 *   <tr><td>{@code hidden}</td><td>units per hidden layer; mlp only</td><td>[32, 16] / none</td></tr>
 *   <tr><td>{@code epochs}</td><td>passes over the training slice</td><td>8 / 10</td></tr>
 *   <tr><td>{@code learningRate}</td><td>Adam's step size</td><td>0.001 / 0.01</td></tr>
 *   <tr><td>{@code batchSize}</td><td>rows per step</td><td>256</td></tr>
 *   <tr><td>{@code positiveWeight}</td><td>loss weight of a positive example; {@code balanced} =
 *       negatives / positives of the training slice</td><td>balanced</td></tr>
 *   <tr><td>{@code seed}</td><td>seeds initialisation and shuffling</td><td>42</td></tr>
 * </table>
 *
 * @param positiveWeight empty: balanced
 */
public record TrainingParams(ModelType type, List<Integer> hidden, int epochs, double learningRate, int batchSize,
                             OptionalDouble positiveWeight, int seed) implements CandidateTraining {

    public static final Set<ModelType> SUPPORTED = Set.of(ModelType.MLP, ModelType.LOGISTIC_REGRESSION);

    private static final Set<String> KEYS =
            Set.of("hidden", "epochs", "learningRate", "batchSize", "positiveWeight", "seed");
    private static final Set<String> LOGISTIC_KEYS =
            Set.of("epochs", "learningRate", "batchSize", "positiveWeight", "seed");

    public TrainingParams {
        if (!SUPPORTED.contains(type)) {
            throw new IllegalArgumentException("model type '" + type.keyword() + "' is not supported yet; supported: "
                    + SUPPORTED.stream().map(ModelType::keyword).sorted().toList());
        }
        hidden = List.copyOf(hidden);
        if (type == ModelType.LOGISTIC_REGRESSION && !hidden.isEmpty()) {
            throw new IllegalArgumentException("logistic_regression has no hidden layers, got " + hidden);
        }
        require(epochs >= 1, "epochs must be >= 1 but was " + epochs);
        require(learningRate > 0 && Double.isFinite(learningRate), "learningRate must be > 0 but was " + learningRate);
        require(batchSize >= 1, "batchSize must be >= 1 but was " + batchSize);
        positiveWeight.ifPresent(weight -> require(weight > 0 && Double.isFinite(weight),
                "positiveWeight must be > 0 or 'balanced' but was " + weight));
    }

    /**
     * The params of a spec candidate, defaults filled in.
     *
     * @throws IllegalArgumentException naming every unknown key or wrong value, or when the type is not
     *                                  one this module trains
     */
    public static TrainingParams of(ModelType type, Map<String, Object> params) {
        CandidateParams.requireKnown(params, KEYS,
                type == ModelType.LOGISTIC_REGRESSION ? Set.of("hidden") : Set.of(), type.keyword());
        boolean mlp = type == ModelType.MLP;
        List<Integer> hidden = mlp ? integers(params.getOrDefault("hidden", List.of(32, 16))) : List.of();
        return new TrainingParams(type, hidden,
                integer(params.getOrDefault("epochs", mlp ? 8 : 10), "epochs"),
                number(params.getOrDefault("learningRate", mlp ? 0.001 : 0.01), "learningRate"),
                integer(params.getOrDefault("batchSize", 256), "batchSize"),
                CandidateParams.positiveWeight(params.getOrDefault("positiveWeight", "balanced")),
                integer(params.getOrDefault("seed", 42), "seed"));
    }

    /** The params a candidate of {@code type} may set (and search). */
    static Set<String> paramNames(ModelType type) {
        return type == ModelType.LOGISTIC_REGRESSION ? LOGISTIC_KEYS : KEYS;
    }

    @Override
    public String modelType() {
        return type.keyword();
    }

    @Override
    public String resourceParam() {
        return "epochs";
    }

    @Override
    public int resource() {
        return epochs;
    }

    /**
     * No: DJL's PyTorch engine allows one gradient collector per JVM at a time ("A PtGradientCollector is already
     * collecting"), so networks train one after the other.
     */
    @Override
    public boolean trainsConcurrently() {
        return false;
    }

    /** Optimisation steps: batches over all epochs. */
    @Override
    public long steps(int trainRows) {
        return (long) epochs * ((trainRows + batchSize - 1) / batchSize);
    }

    @Override
    public TrainedNetwork train(LabelledMatrix data, TrainingProgress progress) {
        return NetworkTrainer.train(data, this, progress);
    }

    /** The effective values, defaults included, as the artifact's metadata records them. */
    @Override
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("hidden", hidden);
        map.put("epochs", epochs);
        map.put("learningRate", learningRate);
        map.put("batchSize", batchSize);
        map.put("positiveWeight", positiveWeight.isPresent() ? positiveWeight.getAsDouble() : "balanced");
        map.put("seed", seed);
        return map;
    }

    private static List<Integer> integers(Object value) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("hidden must be a list of layer sizes like [32, 16] but was " + value);
        }
        List<Integer> sizes = new ArrayList<>();
        for (Object item : list) {
            sizes.add(integer(item, "hidden"));
        }
        return sizes;
    }

}
