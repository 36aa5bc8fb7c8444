package dev.flywheel.training.eda;

/** A statement that is not one read-only query, or a query the database refused or stopped. */
public class SqlRefusedException extends Exception {

    public SqlRefusedException(String message) {
        super(message);
    }

    public SqlRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
