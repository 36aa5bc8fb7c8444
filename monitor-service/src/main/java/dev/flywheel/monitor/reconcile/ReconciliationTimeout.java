package dev.flywheel.monitor.reconcile;

/** A reconciliation that could not read its topics within {@code flywheel.monitor.reconcile.timeout}. */
public class ReconciliationTimeout extends RuntimeException {

    public ReconciliationTimeout(String message) {
        super(message);
    }
}
