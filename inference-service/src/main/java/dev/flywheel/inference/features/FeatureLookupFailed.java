package dev.flywheel.inference.features;

/**
 * The online store could not give a row's aggregates: feature-service is unreachable, too slow, or cannot
 * answer for the entity now.
 *
 * @see OnlineFeatureClient
 */
public final class FeatureLookupFailed extends RuntimeException {

    /** What the caller should answer: 503 when trying again later may work, 502 when it will not. */
    public enum Kind { UNAVAILABLE, REFUSED }

    private final Kind kind;

    FeatureLookupFailed(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
