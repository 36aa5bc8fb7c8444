package dev.flywheel.model;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import dev.flywheel.contracts.spec.ModelType;

/**
 * One model family's home: which model types it owns, how a spec candidate of it trains, and how its
 * artifact files load back into a thread-safe {@link Scorer}. {@link ModelFamilies} holds them all.
 */
public interface ModelFamily {

    /** The model type keywords whose artifacts this family reads. */
    Set<String> modelTypes();

    /** The spec candidate types this family trains; empty when it only serves (rule, imported ONNX). */
    default Set<ModelType> trains() {
        return Set.of();
    }

    /**
     * Reads and checks a candidate's params.
     *
     * @throws IllegalArgumentException naming every unknown key or wrong value, or when the family does not
     *                                  train {@code type}
     */
    default CandidateTraining training(ModelType type, Map<String, Object> params) {
        throw new IllegalArgumentException("model type '" + type.keyword() + "' is not trained by " + modelTypes());
    }

    /** The params a spec candidate of {@code type} may set or search; empty when the family trains nothing. */
    default Set<String> paramNames(ModelType type) {
        return Set.of();
    }

    /**
     * A scorer over a version's files.
     *
     * @param files the version's artifact files, each verified against its recorded checksum when read
     */
    Scorer load(ModelMetadata metadata, ArtifactFiles files) throws IOException;
}
