package dev.flywheel.ingest.source;

/**
 * A source could not be read now (unreachable, an error status, a body of the wrong shape, forbidden by robots.txt);
 * the runner records the message as the source's last error and retries with backoff. Messages never hold resolved
 * secrets: URLs are shown as the spec wrote them.
 */
public class SourceUnavailable extends Exception {

    public SourceUnavailable(String message) {
        super(message);
    }

    public SourceUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
