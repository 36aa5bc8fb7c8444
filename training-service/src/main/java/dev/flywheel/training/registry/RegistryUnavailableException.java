package dev.flywheel.training.registry;

/** The registry database stayed unreachable for every attempt {@link RegistryRetry} made. */
public class RegistryUnavailableException extends RegistryStoreException {

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
