package dev.flywheel.model;

import ai.djl.engine.Engine;

/**
 * The PyTorch engine, configured for a small CPU service before it first loads.
 *
 * <p>Defaults are set only when the operator has not set them (as {@code -D} system properties):
 * <ul>
 *   <li>{@code ai.djl.offline=true}: the native libraries come from the {@code pytorch-native-cpu} jar,
 *       so DJL must never try to download them or probe the network;</li>
 *   <li>{@code ai.djl.pytorch.num_threads=1} and {@code num_interop_threads=1}: the networks are tiny
 *       and requests are already concurrent; intra-op threads only add hand-offs and oversubscribe a
 *       small machine. Training also runs single-threaded, which keeps it reproducible.</li>
 * </ul>
 * Set {@code OMP_WAIT_POLICY=passive} in the process environment as well (it cannot be set from Java):
 * OpenMP's spin-waiting made PyTorch many times slower on a busy 2-core machine.
 */
public final class PyTorchRuntime {

    public static final String ENGINE_NAME = "PyTorch";

    private PyTorchRuntime() {
    }

    /** The PyTorch engine, loading its native libraries on first use. */
    public static synchronized Engine engine() {
        setDefault("ai.djl.offline", "true");
        setDefault("ai.djl.pytorch.num_threads", "1");
        setDefault("ai.djl.pytorch.num_interop_threads", "1");
        return Engine.getEngine(ENGINE_NAME);
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
