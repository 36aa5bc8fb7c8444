package dev.flywheel.contracts.spec;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** Binds the {@code monitoring} section; every key is optional, and an absent section means all defaults. */
final class MonitoringBinder {

    private static final List<String> KEYS = List.of("minOutcomes", "minPositives", "accuracy", "data", "retraining");
    private static final List<String> ACCURACY_KEYS = List.of("metric", "minimum", "maximum", "maxDropFromBaseline");
    private static final List<String> DATA_KEYS = List.of("test", "threshold");
    private static final List<String> RETRAINING_KEYS = List.of("onDrift", "onAccuracyDrop", "cooldown");

    private final ValueReader values;
    private final Problems problems;
    /** The model's task and metric; empty when the model section could not tell them. */
    private final Optional<ModelTask> task;
    private final Optional<Metric> modelMetric;

    MonitoringBinder(ValueReader values, Optional<ModelTask> task, Optional<Metric> modelMetric) {
        this.values = values;
        this.problems = values.problems();
        this.task = task;
        this.modelMetric = modelMetric;
    }

    /** Monitoring for a spec without a {@code monitoring} section: quality judged by the model's metric. */
    static MonitoringSpec defaults(Metric modelMetric) {
        return new MonitoringSpec(MonitoringSpec.DEFAULT_MIN_OUTCOMES, MonitoringSpec.DEFAULT_MIN_POSITIVES,
                new AccuracyPolicy(modelMetric, OptionalDouble.empty(), OptionalDouble.empty(),
                        AccuracyPolicy.DEFAULT_MAX_DROP),
                new DriftPolicy(DriftTest.PSI, DriftTest.PSI.defaultThreshold()),
                new RetrainingPolicy(true, true, RetrainingPolicy.DEFAULT_COOLDOWN));
    }

    Optional<MonitoringSpec> bind(YamlNode node) {
        int before = problems.count();
        Optional<MappingReader> read = values.mapping(node, KEYS);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        Optional<MonitoringSpec> defaults = modelMetric.map(MonitoringBinder::defaults);
        MappingReader m = read.get();
        int minOutcomes = m.get("minOutcomes").flatMap(n -> values.integer(n, NumberRange.atLeast(1)))
                .orElse(MonitoringSpec.DEFAULT_MIN_OUTCOMES);
        int minPositives = ModelBinder.minPositives(values, m, task, MonitoringSpec.DEFAULT_MIN_POSITIVES);
        Optional<AccuracyPolicy> accuracy = m.get("accuracy").isPresent()
                ? m.get("accuracy").flatMap(this::accuracy)
                : defaults.map(MonitoringSpec::accuracy);
        Optional<DriftPolicy> data = m.get("data").isPresent()
                ? m.get("data").flatMap(this::data)
                : Optional.of(new DriftPolicy(DriftTest.PSI, DriftTest.PSI.defaultThreshold()));
        Optional<RetrainingPolicy> retraining = m.get("retraining").isPresent()
                ? m.get("retraining").flatMap(this::retraining)
                : Optional.of(new RetrainingPolicy(true, true, RetrainingPolicy.DEFAULT_COOLDOWN));
        if (problems.count() != before || accuracy.isEmpty() || data.isEmpty() || retraining.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MonitoringSpec(minOutcomes, minPositives, accuracy.get(), data.get(), retraining.get()));
    }

    private Optional<AccuracyPolicy> accuracy(YamlNode node) {
        Optional<MappingReader> read = values.mapping(node, ACCURACY_KEYS);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        MappingReader m = read.get();
        Optional<Metric> metric = m.get("metric").isPresent()
                ? m.get("metric").flatMap(n -> values.keyword(n, Metric.class).map(named -> {
                    task.ifPresent(t -> ModelBinder.checkFits(problems, n, named, t));
                    return named;
                }))
                : modelMetric;
        if (metric.isEmpty()) {
            // Without a known metric the bounds cannot be judged; the metric's own problem is already reported.
            return Optional.empty();
        }
        boolean higherIsBetter = metric.get().higherIsBetter();
        NumberRange scores = metric.get().unitInterval() ? NumberRange.closed(0, 1) : NumberRange.atLeast(0);
        OptionalDouble minimum = bound(m, "minimum", higherIsBetter, metric.get(), scores);
        OptionalDouble maximum = bound(m, "maximum", !higherIsBetter, metric.get(), scores);
        NumberRange drops = higherIsBetter ? NumberRange.aboveUpTo(0, 1) : NumberRange.above(0);
        double maxDrop = m.get("maxDropFromBaseline").flatMap(n -> values.number(n, drops))
                .map(BigDecimal::doubleValue).orElse(AccuracyPolicy.DEFAULT_MAX_DROP);
        return Optional.of(new AccuracyPolicy(metric.get(), minimum, maximum, maxDrop));
    }

    /** {@code minimum} for metrics where higher is better, {@code maximum} for the others. */
    private OptionalDouble bound(MappingReader m, String key, boolean applies, Metric metric, NumberRange scores) {
        if (!m.has(key)) {
            return OptionalDouble.empty();
        }
        if (!applies) {
            String direction = metric.higherIsBetter() ? "higher" : "lower";
            String other = key.equals("minimum") ? "maximum" : "minimum";
            m.reportKey(key, "for " + metric.keyword() + " " + direction + " is better; set " + other + " instead");
            return OptionalDouble.empty();
        }
        return values.number(m.get(key).orElseThrow(), scores)
                .map(value -> OptionalDouble.of(value.doubleValue())).orElse(OptionalDouble.empty());
    }

    private Optional<DriftPolicy> data(YamlNode node) {
        Optional<MappingReader> read = values.mapping(node, DATA_KEYS);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        MappingReader m = read.get();
        Optional<DriftTest> test = m.get("test").map(n -> values.keyword(n, DriftTest.class)).orElse(Optional.of(DriftTest.PSI));
        if (test.isEmpty()) {
            return Optional.empty();
        }
        NumberRange range = test.get() == DriftTest.KS ? NumberRange.aboveUpTo(0, 1) : NumberRange.above(0);
        double threshold = m.get("threshold").flatMap(n -> values.number(n, range))
                .map(BigDecimal::doubleValue).orElse(test.get().defaultThreshold());
        return Optional.of(new DriftPolicy(test.get(), threshold));
    }

    private Optional<RetrainingPolicy> retraining(YamlNode node) {
        return values.mapping(node, RETRAINING_KEYS).map(m -> {
            boolean onDrift = m.get("onDrift").flatMap(values::bool).orElse(true);
            boolean onAccuracyDrop = m.get("onAccuracyDrop").flatMap(values::bool).orElse(true);
            Duration cooldown = m.get("cooldown").flatMap(n -> values.duration(n, false))
                    .orElse(RetrainingPolicy.DEFAULT_COOLDOWN);
            return new RetrainingPolicy(onDrift, onAccuracyDrop, cooldown);
        });
    }
}
