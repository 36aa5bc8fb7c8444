package dev.flywheel.contracts.spec;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** Binds the {@code monitoring} section; every key is optional, and an absent section means all defaults. */
final class MonitoringBinder {

    private static final List<String> KEYS = List.of("minOutcomes", "minPositives", "accuracy", "data", "retraining",
            "detector");
    private static final List<String> ACCURACY_KEYS = List.of("metric", "minimum", "maximum", "maxDropFromBaseline");
    private static final List<String> DATA_KEYS = List.of("test", "threshold", "driftShare");
    private static final List<String> ADWIN_KEYS = List.of("type", "delta", "clock");
    private static final List<String> DDM_KEYS = List.of("type", "warning", "drift", "warmUp");
    private static final List<String> PAGE_HINKLEY_KEYS = List.of("type", "delta", "lambda", "alpha", "minInstances");
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
        Optional<ConceptDetectorSpec> detector = m.get("detector").isPresent()
                ? m.get("detector").flatMap(this::detector)
                : Optional.of(ConceptDetectorSpec.defaults());
        if (problems.count() != before || accuracy.isEmpty() || data.isEmpty() || retraining.isEmpty()
                || detector.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MonitoringSpec(minOutcomes, minPositives, accuracy.get(), data.get(), retraining.get(),
                detector.get()));
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
        if (test.get() == DriftTest.AUTO && m.has("threshold")) {
            m.reportKey("threshold", "test auto uses each chosen test's own threshold (p <= 0.05 for ks_test and "
                    + "chi_square, >= 0.1 for wasserstein and jensen_shannon); name a test to set one");
            return Optional.empty();
        }
        NumberRange range = test.get() == DriftTest.KS || test.get().pValue()
                ? NumberRange.aboveUpTo(0, 1) : NumberRange.above(0);
        double threshold = m.get("threshold").flatMap(n -> values.number(n, range))
                .map(BigDecimal::doubleValue).orElse(test.get().defaultThreshold());
        double driftShare = m.get("driftShare").flatMap(n -> values.number(n, NumberRange.aboveUpTo(0, 1)))
                .map(BigDecimal::doubleValue).orElse(DriftPolicy.DEFAULT_DRIFT_SHARE);
        return Optional.of(new DriftPolicy(test.get(), threshold, driftShare));
    }

    /** {@code detector: adwin} (defaults), or {@code detector: {type: ddm, warning: 2, drift: 3, warmUp: 30}}. */
    private Optional<ConceptDetectorSpec> detector(YamlNode node) {
        if (node instanceof YamlNode.Scalar) {
            return values.keyword(node, DetectorType.class).map(ConceptDetectorSpec::defaults);
        }
        Optional<YamlNode.Mapping> any = values.anyMapping(node);
        if (any.isEmpty()) {
            return Optional.empty();
        }
        YamlNode.Entry typeEntry = any.get().entries().get("type");
        if (typeEntry == null) {
            problems.report(YamlNode.childPath(node.path(), "type"), node.mark(),
                    "required key is missing: one of adwin, ddm, page_hinkley, none");
            return Optional.empty();
        }
        Optional<DetectorType> type = values.keyword(typeEntry.value(), DetectorType.class);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        int before = problems.count();
        ConceptDetectorSpec detector = switch (type.get()) {
            case ADWIN -> values.mapping(node, ADWIN_KEYS).map(m -> (ConceptDetectorSpec) new ConceptDetectorSpec.Adwin(
                    fraction(m, "delta", ConceptDetectorSpec.Adwin.DEFAULT_DELTA),
                    count(m, "clock", ConceptDetectorSpec.Adwin.DEFAULT_CLOCK))).orElse(null);
            case DDM -> values.mapping(node, DDM_KEYS).map(m -> {
                double warning = positive(m, "warning", ConceptDetectorSpec.Ddm.DEFAULT_WARNING);
                double drift = positive(m, "drift", ConceptDetectorSpec.Ddm.DEFAULT_DRIFT);
                if (drift <= warning && m.has("drift")) {
                    m.reportKey("drift", "must be greater than warning (" + warning + ") but was " + drift);
                }
                return (ConceptDetectorSpec) new ConceptDetectorSpec.Ddm(warning, drift,
                        count(m, "warmUp", ConceptDetectorSpec.Ddm.DEFAULT_WARM_UP));
            }).orElse(null);
            case PAGE_HINKLEY -> values.mapping(node, PAGE_HINKLEY_KEYS).map(m -> {
                double delta = m.get("delta").flatMap(n -> values.number(n, NumberRange.atLeast(0)))
                        .map(BigDecimal::doubleValue).orElse(ConceptDetectorSpec.PageHinkley.DEFAULT_DELTA);
                return (ConceptDetectorSpec) new ConceptDetectorSpec.PageHinkley(delta,
                        positive(m, "lambda", ConceptDetectorSpec.PageHinkley.DEFAULT_LAMBDA),
                        m.get("alpha").flatMap(n -> values.number(n, NumberRange.aboveUpTo(0, 1)))
                                .map(BigDecimal::doubleValue).orElse(ConceptDetectorSpec.PageHinkley.DEFAULT_ALPHA),
                        count(m, "minInstances", ConceptDetectorSpec.PageHinkley.DEFAULT_MIN_INSTANCES));
            }).orElse(null);
            case NONE -> values.mapping(node, List.of("type")).map(m -> (ConceptDetectorSpec) new ConceptDetectorSpec.None())
                    .orElse(null);
        };
        return detector == null || problems.count() != before ? Optional.empty() : Optional.of(detector);
    }

    private double fraction(MappingReader m, String key, double fallback) {
        return m.get(key).flatMap(n -> values.number(n, NumberRange.open(0, 1))).map(BigDecimal::doubleValue)
                .orElse(fallback);
    }

    private double positive(MappingReader m, String key, double fallback) {
        return m.get(key).flatMap(n -> values.number(n, NumberRange.above(0))).map(BigDecimal::doubleValue)
                .orElse(fallback);
    }

    private int count(MappingReader m, String key, int fallback) {
        return m.get(key).flatMap(n -> values.integer(n, NumberRange.atLeast(1))).orElse(fallback);
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
