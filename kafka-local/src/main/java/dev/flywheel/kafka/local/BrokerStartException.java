package dev.flywheel.kafka.local;

/** The broker JVM did not become ready; the message ends with the tail of its log. */
public final class BrokerStartException extends RuntimeException {

    BrokerStartException(String message) {
        super(message);
    }

    BrokerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
