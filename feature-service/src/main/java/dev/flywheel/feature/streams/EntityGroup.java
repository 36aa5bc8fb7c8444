package dev.flywheel.feature.streams;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.flywheel.contracts.spec.AggregateFeature;

/**
 * The aggregates of a pipeline that group by one entity field: they share a repartition topic and the entity's
 * history.
 *
 * @param field          the entity field ({@code by})
 * @param aggregates     the aggregates over it, in spec order
 * @param numericFields  event fields read as numbers ({@code sum}, {@code avg}, {@code last}, ...)
 * @param distinctFields event fields read as text by {@code distinct_count}
 * @param usesLabels     whether any aggregate reads labels, so that labels must reach this entity's history
 * @param span           the longest {@code window + delay} among them: how far back the history must reach
 */
public record EntityGroup(String field, List<AggregateFeature> aggregates, Set<String> numericFields,
                          Set<String> distinctFields, boolean usesLabels, Duration span) {

    public EntityGroup {
        aggregates = List.copyOf(aggregates);
        numericFields = Set.copyOf(numericFields);
        distinctFields = Set.copyOf(distinctFields);
    }
}
