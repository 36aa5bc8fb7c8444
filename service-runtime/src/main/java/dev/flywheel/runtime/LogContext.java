package dev.flywheel.runtime;

import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.MDC;

/**
 * Names what a thread is working on in the log's mapped diagnostic context, for the lines logged until it is
 * closed: in production every line is a JSON object whose {@code mdc} member carries these fields, so a log
 * search for one pipeline, model version, event or run finds every line about it. Closing restores what the
 * fields held before, so contexts nest (a drift alarm raised while an outcome is handled keeps the outcome's
 * event id). A null value leaves its field out.
 *
 * <pre>{@code
 * try (LogContext ignored = LogContext.of(LogContext.PIPELINE, p, LogContext.MODEL_VERSION, v)) {
 *     LOG.info("...");
 * }
 * }</pre>
 */
public final class LogContext implements AutoCloseable {

    public static final String PIPELINE = "pipeline";
    public static final String MODEL_VERSION = "model_version";
    /** The spec's event id of the record (e.g. a transaction id). */
    public static final String EVENT_ID = "event_id";
    public static final String PREDICTION_ID = "prediction_id";
    /** A training run's id. */
    public static final String RUN_ID = "run_id";
    /** The event id of a {@code RecordRejected}: its key on the pipeline's rejected topic. */
    public static final String REJECTION_ID = "rejection_id";
    /** The event id of a {@code DriftDetected}. */
    public static final String DRIFT_ID = "drift_id";

    private final List<String> keys = new ArrayList<>(4);
    private final List<Object> previous = new ArrayList<>(4);

    private LogContext() {
    }

    /**
     * Sets the fields, as key, value, key, value, ...
     *
     * @throws IllegalArgumentException when a key has no value
     */
    public static LogContext of(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("log context fields come in key, value pairs; got "
                    + keysAndValues.length + " strings");
        }
        LogContext context = new LogContext();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                context.keys.add(keysAndValues[i]);
                context.previous.add(MDC.put(keysAndValues[i], keysAndValues[i + 1]));
            }
        }
        return context;
    }

    @Override
    public void close() {
        for (int i = keys.size() - 1; i >= 0; i--) {
            if (previous.get(i) == null) {
                MDC.remove(keys.get(i));
            } else {
                MDC.put(keys.get(i), previous.get(i));
            }
        }
    }
}
