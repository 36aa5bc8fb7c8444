package dev.flywheel.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.flywheel.contracts.spec.ModelType;

/**
 * Every model family this code knows, found by the model type keyword a version's metadata records
 * (loading) or by a spec candidate's type (training).
 */
public final class ModelFamilies {

    private static final List<ModelFamily> ALL = List.of(new NetworkFamily(), new XGBoostFamily(), new RuleFamily(),
            new OnnxFamily(), new LinearFamily(), new ConstantFamily());

    private ModelFamilies() {
    }

    /**
     * The family that reads versions of {@code modelType}.
     *
     * @throws IllegalArgumentException naming the known model types
     */
    public static ModelFamily forType(String modelType) {
        return ALL.stream().filter(family -> family.modelTypes().contains(modelType)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown model type '" + modelType + "'; known: "
                        + new TreeSet<>(ALL.stream().flatMap(family -> family.modelTypes().stream()).toList())));
    }

    /** The family that trains spec candidates of {@code type}, if any does yet. */
    public static Optional<ModelFamily> trainerOf(ModelType type) {
        return ALL.stream().filter(family -> family.trains().contains(type)).findFirst();
    }

    /** The params a candidate of {@code type} may set or search; empty when no family trains it yet. */
    public static Set<String> paramNames(ModelType type) {
        return trainerOf(type).map(family -> family.paramNames(type)).orElse(Set.of());
    }

    /**
     * A candidate's training, its params checked.
     *
     * @throws IllegalArgumentException when no family trains {@code type} yet, or the params are wrong
     */
    public static CandidateTraining training(ModelType type, Map<String, Object> params) {
        return trainerOf(type)
                .orElseThrow(() -> new IllegalArgumentException("model type '" + type.keyword()
                        + "' is not supported yet; supported: " + new TreeSet<>(ALL.stream()
                        .flatMap(family -> family.trains().stream()).map(ModelType::keyword).toList())))
                .training(type, params);
    }
}
