package dev.flywheel.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A model ready to be scored or registered, whatever its family: what it holds is written as artifact
 * files (name to bytes) that its {@link ModelFamily} reads back into an equivalent {@link Scorer}.
 * Holds no native memory; each {@link #scorer()} builds its own.
 */
public interface TrainedModel {

    /** The model type keyword its metadata records and {@link ModelFamilies} dispatches on. */
    String modelType();

    /** Number of features a row must have. */
    int width();

    /** The artifact files, by file name (no folders); {@link ModelArtifacts#write} checksums each. */
    Map<String, byte[]> artifactFiles();

    /** A new scorer; the caller closes it. */
    Scorer scorer();

    /** The effective parameters, defaults included, as the metadata records them. */
    Map<String, Object> effectiveParams();

    /** The loss weight a positive example had (1 when the family does not weight). */
    double positiveWeight();

    /** Wall time of fitting (zero when nothing was fitted). */
    Duration duration();

    /** Hidden layer sizes of a network; empty otherwise. */
    default List<Integer> hidden() {
        return List.of();
    }

    /** The standardisation a network applies; null for families that take raw values. */
    default Standardisation standardisation() {
        return null;
    }

    /**
     * Refuses metadata that does not describe this model, before anything is written.
     *
     * @throws IllegalArgumentException naming what differs
     */
    default void checkDescribedBy(ModelMetadata metadata) {
        if (!metadata.modelType().equals(modelType())) {
            throw new IllegalArgumentException("metadata says model type '" + metadata.modelType() + "' but the model is '"
                    + modelType() + "'");
        }
        if (metadata.featureNames().size() != width()) {
            throw new IllegalArgumentException("metadata names " + metadata.featureNames().size()
                    + " features but the model takes " + width());
        }
    }
}
