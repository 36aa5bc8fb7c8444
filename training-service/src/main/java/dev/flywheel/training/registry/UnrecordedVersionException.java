package dev.flywheel.training.registry;

/**
 * A version's folder is written but the registry database did not record it; the folder is kept, and
 * {@link ModelRegistry#record} records it once the database answers (as {@link ModelRegistry#importFolders}
 * would at the next start).
 */
public class UnrecordedVersionException extends RegistryStoreException {

    private final String pipeline;
    private final String version;

    public UnrecordedVersionException(String pipeline, String version, RegistryStoreException cause) {
        super("version " + version + " of " + pipeline + " is written but not recorded: " + cause.getMessage(),
                cause);
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
