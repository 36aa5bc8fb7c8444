package dev.flywheel.training.registry;

/** A request named a version the pipeline does not have. */
public class UnknownVersionException extends RuntimeException {

    private final String pipeline;
    private final String version;

    public UnknownVersionException(String pipeline, String version) {
        super("no version '" + version + "' of " + pipeline);
        this.pipeline = pipeline;
        this.version = version;
    }

    public String pipeline() {
        return pipeline;
    }

    public String version() {
        return version;
    }
}
