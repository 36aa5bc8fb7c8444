package dev.flywheel.feature.streams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.flywheel.contracts.spec.AggregateFeature;
import dev.flywheel.contracts.spec.AggregateKind;
import dev.flywheel.contracts.spec.FeatureDef;
import dev.flywheel.contracts.spec.LabelType;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.contracts.spec.RatioFeature;
import dev.flywheel.feature.store.StoreKind;
import dev.flywheel.feature.store.TimeRange;

/**
 * What the topology needs to know about a pipeline's features, worked out once from its spec: the entity groups
 * to repartition by, the event fields ratios read, and how long per-event state must live.
 *
 * @param groups      one per entity field some aggregate groups by, in order of first use
 * @param ratioFields event fields used as ratio operands (names that are not features)
 * @param labelWindow how long after its event a label is still accepted ({@code label.maxDelay})
 * @param grace       extra time every store keeps its state for out-of-order records
 * @param stores      where the stores keep their data
 */
public record FeaturePlan(PipelineSpec spec, List<EntityGroup> groups, Set<String> ratioFields, Duration labelWindow,
                          Duration grace, StoreKind stores) {

    public FeaturePlan {
        groups = List.copyOf(groups);
        ratioFields = Set.copyOf(ratioFields);
    }

    public static FeaturePlan of(PipelineSpec spec, Duration grace, StoreKind stores) {
        Map<String, List<AggregateFeature>> byEntity = new LinkedHashMap<>();
        Set<String> ratioFields = new LinkedHashSet<>();
        Set<String> featureNames = new LinkedHashSet<>(spec.featureNames());
        for (FeatureDef feature : spec.features()) {
            if (feature instanceof AggregateFeature aggregate) {
                byEntity.computeIfAbsent(aggregate.by(), field -> new ArrayList<>()).add(aggregate);
            } else if (feature instanceof RatioFeature ratio) {
                for (String operand : List.of(ratio.numerator(), ratio.denominator())) {
                    if (!featureNames.contains(operand)) {
                        ratioFields.add(operand);
                    }
                }
            }
        }
        boolean binaryLabel = spec.label().type() == LabelType.BINARY;
        List<EntityGroup> groups = byEntity.entrySet().stream().map(entry -> {
            List<AggregateFeature> aggregates = entry.getValue();
            Set<String> numeric = new LinkedHashSet<>();
            Set<String> distinct = new LinkedHashSet<>();
            for (AggregateFeature aggregate : aggregates) {
                Set<String> read = aggregate.kind() == AggregateKind.DISTINCT_COUNT ? distinct : numeric;
                aggregate.of().ifPresent(read::add);
            }
            boolean usesLabels = binaryLabel && aggregates.stream().anyMatch(aggregate -> aggregate.kind().usesLabel());
            Duration span = aggregates.stream().map(aggregate -> aggregate.window().plus(aggregate.delay()))
                    .max(Duration::compareTo).orElseThrow();
            return new EntityGroup(entry.getKey(), aggregates, numeric, distinct, usesLabels, span);
        }).toList();
        return new FeaturePlan(spec, groups, ratioFields, spec.label().maxDelay(), grace, stores);
    }

    public String pipeline() {
        return spec.name();
    }

    /** Whether labels feed any aggregate, so the router must send them to entity histories. */
    public boolean usesLabels() {
        return groups.stream().anyMatch(EntityGroup::usesLabels);
    }

    /**
     * Where state of the event at {@code eventTime} may be stamped: at the event's time, or at the time of its label
     * if that came first (at most {@code maxDelay} later), give or take the grace.
     */
    public TimeRange stampsAroundEvent(long eventTime) {
        return new TimeRange(eventTime - grace.toMillis(), eventTime + labelWindow.plus(grace).toMillis());
    }

    /** Where state of the event labelled at {@code labelTime} may be stamped: the converse of the above. */
    public TimeRange stampsAroundLabel(long labelTime) {
        return new TimeRange(labelTime - labelWindow.plus(grace).toMillis(), labelTime + grace.toMillis());
    }

    /** How long state keyed by event id lives: until its label can no longer arrive, plus the grace. */
    public Duration perEventRetention() {
        return labelWindow.plus(grace);
    }
}
