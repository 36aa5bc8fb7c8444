package dev.flywheel.training.registry;

/** A registry change that the registry's current state forbids (e.g. a rollback with nowhere to go). */
public class RegistryConflictException extends RuntimeException {

    public RegistryConflictException(String message) {
        super(message);
    }
}
