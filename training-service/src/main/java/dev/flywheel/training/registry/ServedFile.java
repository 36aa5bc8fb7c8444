package dev.flywheel.training.registry;

import java.nio.file.Path;

import dev.flywheel.model.registry.ArtifactFile;

/** A version's file to send: what the registry lists for it, and where it lies. */
public record ServedFile(ArtifactFile listed, Path path) {
}
