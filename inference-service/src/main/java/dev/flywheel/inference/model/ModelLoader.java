package dev.flywheel.inference.model;

import dev.flywheel.contracts.event.ModelPromoted;

/** Loads the model a promotion names, ready to score. */
@FunctionalInterface
public interface ModelLoader {

    /**
     * @throws Exception anything that keeps the model from loading; the caller keeps the old model serving
     */
    ServingModel load(ModelPromoted promotion) throws Exception;
}
