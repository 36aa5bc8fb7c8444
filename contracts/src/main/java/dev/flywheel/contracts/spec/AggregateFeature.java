package dev.flywheel.contracts.spec;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * An aggregate over the earlier events of the same entity. At event time {@code t} it covers the events
 * with time in {@code (t - delay - window, t - delay]}: with no delay the current event is included (as in
 * the Fraud Detection Handbook); a delay shifts the window back, which is how label-based aggregates avoid
 * labels that could not be known yet.
 *
 * @param of    the event field aggregated; empty for kinds that take none ({@link AggregateKind#of()})
 * @param by    the entity field the events are grouped by
 * @param delay zero unless the spec sets one
 */
public record AggregateFeature(String name, AggregateKind kind, Optional<String> of, String by,
                               Duration window, Duration delay) implements FeatureDef {

    public AggregateFeature {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(of, "of");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(delay, "delay");
    }
}
