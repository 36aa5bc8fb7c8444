package dev.flywheel.training.registry;

/** The registry database refused or failed a statement. */
public class RegistryStoreException extends RuntimeException {

    public RegistryStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
