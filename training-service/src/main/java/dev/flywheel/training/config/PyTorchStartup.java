package dev.flywheel.training.config;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import ai.djl.engine.Engine;
import dev.flywheel.model.PyTorchRuntime;
import io.quarkus.runtime.StartupEvent;

/**
 * Loads PyTorch when the service starts rather than in the first training, so a missing native library
 * fails the start. {@link PyTorchRuntime#engine()} is where {@code ai.djl.offline=true} (and one PyTorch
 * thread) is set as a system property, before DJL reads it.
 */
@Singleton
public class PyTorchStartup {

    private static final Logger LOG = Logger.getLogger(PyTorchStartup.class);

    void onStart(@Observes StartupEvent start) {
        Engine engine = PyTorchRuntime.engine();
        LOG.infof("%s %s ready (offline: %s)", engine.getEngineName(), engine.getVersion(),
                System.getProperty("ai.djl.offline"));
    }
}
