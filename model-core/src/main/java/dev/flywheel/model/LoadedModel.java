package dev.flywheel.model;

import java.nio.file.Path;

/** A registry version read back: its metadata and a scorer ready to use; closing it closes the scorer. */
public record LoadedModel(Path versionDir, ModelMetadata metadata, Scorer scorer) implements AutoCloseable {

    @Override
    public void close() {
        scorer.close();
    }
}
