package dev.flywheel.feature.streams;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.DoubleStream;

import dev.flywheel.contracts.spec.AggregateFeature;
import dev.flywheel.feature.streams.EntityUpdate.Observation;
import dev.flywheel.feature.streams.EntityUpdate.PositiveLabel;

/**
 * Computes one aggregate of an entity as of an event's time {@code t}, over the entity's events with time in
 * {@code (t - delay - window, t - delay]}: with no delay the current event is included, as the Fraud Detection
 * Handbook's customer features are.
 *
 * <p>An empty window gives 0 for every kind (count, sum, avg, min, max, stddev, last, distinct_count,
 * label_rate, label_count) except {@code time_since_last}, which gives {@code window + delay} in seconds: "no
 * earlier event within reach", a value at least as large as any the window can produce, so that a model reads
 * it as "long ago" rather than "just now". {@code stddev} is the population standard deviation (0 for one
 * event). Events that lack the {@code of} field are left out of value aggregates but still counted by
 * {@code count} and the label aggregates.
 */
final class WindowAggregates {

    private WindowAggregates() {
    }

    /**
     * @param history the entity's events, oldest first, covering at least the feature's window
     * @param labels  positive labels of those events by event id; only those known by {@code t} count
     * @param current the event the vector is for (its time is {@code t}; it is in {@code history})
     */
    static double value(AggregateFeature feature, List<Observation> history, Map<String, PositiveLabel> labels,
                        Observation current) {
        long t = current.time();
        long upper = t - feature.delay().toMillis();
        long lower = upper - feature.window().toMillis();
        List<Observation> window = history.stream().filter(o -> o.time() > lower && o.time() <= upper).toList();
        String of = feature.of().orElse(null);
        return switch (feature.kind()) {
            case COUNT -> window.size();
            case SUM -> numbers(window, of).sum();
            case AVG -> numbers(window, of).average().orElse(0);
            case MIN -> numbers(window, of).min().orElse(0);
            case MAX -> numbers(window, of).max().orElse(0);
            case STDDEV -> populationStddev(numbers(window, of).toArray());
            case DISTINCT_COUNT -> distinct(window, of);
            case LAST -> last(window, of);
            case TIME_SINCE_LAST -> timeSinceLast(window, current, feature);
            case LABEL_COUNT -> positives(window, labels, t);
            case LABEL_RATE -> window.isEmpty() ? 0 : (double) positives(window, labels, t) / window.size();
        };
    }

    /** What an aggregate is when the event has no value for its entity: the empty window's value. */
    static double emptyWindow(AggregateFeature feature) {
        return switch (feature.kind()) {
            case TIME_SINCE_LAST -> feature.window().plus(feature.delay()).toMillis() / 1000.0;
            default -> 0;
        };
    }

    private static DoubleStream numbers(List<Observation> window, String of) {
        return window.stream().map(o -> o.numbers().get(of)).filter(Objects::nonNull).mapToDouble(Double::doubleValue);
    }

    private static double populationStddev(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double mean = 0;
        for (double value : values) {
            mean += value;
        }
        mean /= values.length;
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        return Math.sqrt(squares / values.length);
    }

    private static int distinct(List<Observation> window, String of) {
        Set<String> values = new HashSet<>();
        window.forEach(o -> {
            String value = o.texts().get(of);
            if (value != null) {
                values.add(value);
            }
        });
        return values.size();
    }

    /** The latest event's value; among events of the same millisecond, the one appended last. */
    private static double last(List<Observation> window, String of) {
        for (int i = window.size() - 1; i >= 0; i--) {
            Double value = window.get(i).numbers().get(of);
            if (value != null) {
                return value;
            }
        }
        return 0;
    }

    private static double timeSinceLast(List<Observation> window, Observation current, AggregateFeature feature) {
        for (int i = window.size() - 1; i >= 0; i--) {
            Observation previous = window.get(i);
            if (!previous.eventId().equals(current.eventId())) {
                return (current.time() - previous.time()) / 1000.0;
            }
        }
        return emptyWindow(feature);
    }

    /** Events of the window whose positive label was known at {@code t}: no later label leaks in. */
    private static int positives(List<Observation> window, Map<String, PositiveLabel> labels, long t) {
        int positives = 0;
        for (Observation o : window) {
            PositiveLabel label = labels.get(o.eventId());
            if (label != null && label.labelTime() <= t) {
                positives++;
            }
        }
        return positives;
    }
}
