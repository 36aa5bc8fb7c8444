package dev.flywheel.model.registry;

/** A downloaded artifact file differs from what the registry lists for it (size or SHA-256). */
public class ArtifactChecksumException extends RuntimeException {

    public ArtifactChecksumException(String message) {
        super(message);
    }
}
