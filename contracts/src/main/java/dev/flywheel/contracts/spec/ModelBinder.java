package dev.flywheel.contracts.spec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/** Binds the {@code model} section and checks that task, label, metric and candidates fit together. */
final class ModelBinder {

    private static final List<String> KEYS = List.of("task", "metric", "threshold", "topK", "candidates", "training", "baseline");
    private static final List<String> CANDIDATE_KEYS = List.of("name", "type", "params", "search");
    private static final List<String> TRAINING_KEYS =
            List.of("holdout", "minExamples", "minPositives", "schedule", "recentWindow", "cleaning", "tuning",
                    "challenger");
    private static final List<String> RANGE_KEYS = List.of("min", "max", "log", "integer");
    private static final List<String> TUNING_KEYS =
            List.of("trials", "maxTime", "halving", "parallelism", "seed", "validation");
    private static final List<String> HALVING_KEYS = List.of("eta", "minResource");
    /** A number written without a decimal point ({@code 1e-4}), which YAML 1.1 reads as a string. */
    private static final Pattern EXPONENT_NUMBER = Pattern.compile("[-+]?[0-9]+(\\.[0-9]*)?[eE][-+]?[0-9]+");
    private static final List<String> CLEANING_KEYS = List.of("nulls", "outliers", "collinear", "threshold");
    private static final Pattern CANDIDATE_NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private final ValueReader values;
    private final Problems problems;
    /** Null when the label could not be read: then the task is not checked against it. */
    private final LabelSpec label;
    /** Null when the features could not be read: then the baseline's feature names are not checked. */
    private final List<String> featureNames;
    /** The {@code search} of each candidate, checked against the presence of a tuning budget once both are read. */
    private final List<YamlNode> searchNodes = new ArrayList<>();

    ModelBinder(ValueReader values, LabelSpec label) {
        this(values, label, null);
    }

    ModelBinder(ValueReader values, LabelSpec label, List<String> featureNames) {
        this.values = values;
        this.problems = values.problems();
        this.label = label;
        this.featureNames = featureNames;
    }

    /**
     * What the model section yielded: the spec when it is sound, and otherwise still the task and metric
     * when those could be read, so that monitoring can be checked against them.
     */
    record BoundModel(Optional<ModelSpec> spec, Optional<ModelTask> task, Optional<Metric> metric) {

        static final BoundModel UNREADABLE = new BoundModel(Optional.empty(), Optional.empty(), Optional.empty());
    }

    BoundModel bind(YamlNode node) {
        int before = problems.count();
        Optional<MappingReader> read = values.mapping(node, KEYS);
        if (read.isEmpty()) {
            return BoundModel.UNREADABLE;
        }
        MappingReader m = read.get();
        Optional<ModelTask> task = m.require("task").flatMap(n -> values.keyword(n, ModelTask.class));
        task.ifPresent(t -> checkLabel(m.get("task").orElseThrow(), t));
        Optional<Metric> metric = metric(m, task);
        OptionalDouble threshold = task.map(t -> threshold(m, t)).orElse(OptionalDouble.empty());
        int topK = m.get("topK").flatMap(n -> values.integer(n, NumberRange.atLeast(1))).orElse(ModelSpec.DEFAULT_TOP_K);
        List<ModelCandidate> candidates = m.require("candidates").map(n -> candidates(n, task)).orElse(List.of());
        TrainingSpec training = m.get("training").flatMap(n -> training(n, task)).orElse(TrainingSpec.DEFAULTS);
        Optional<BaselineRule> baseline = m.get("baseline").flatMap(n -> baseline(n, task));
        if (!tuningDeclared(m)) {
            searchNodes.forEach(search -> problems.report(search, "a search space needs a budget: declare"
                    + " model.training.tuning (e.g. {trials: 12})"));
        }
        if (problems.count() != before || task.isEmpty() || metric.isEmpty()) {
            return new BoundModel(Optional.empty(), task, metric);
        }
        return new BoundModel(Optional.of(new ModelSpec(task.get(), metric.get(), threshold, topK, candidates, training,
                baseline)), task, metric);
    }

    /** {@code baseline: "tx_amount > 220"}: a rule over the spec's features, for binary classification. */
    private Optional<BaselineRule> baseline(YamlNode node, Optional<ModelTask> task) {
        if (task.isPresent() && task.get() != ModelTask.BINARY_CLASSIFICATION) {
            problems.report(node, "baseline applies only to binary_classification");
            return Optional.empty();
        }
        Optional<String> text = values.name(node);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        BaselineRule rule;
        try {
            rule = BaselineRule.parse(text.get());
        } catch (IllegalArgumentException e) {
            problems.report(node, e.getMessage());
            return Optional.empty();
        }
        if (featureNames != null) {
            for (String unknown : rule.unknownFeatures(featureNames)) {
                problems.report(node, ClosestMatch.unknown("unknown feature", unknown, featureNames, "features are"));
            }
        }
        return Optional.of(rule);
    }

    private void checkLabel(YamlNode taskNode, ModelTask task) {
        if (label != null && label.type() != task.labelType()) {
            problems.report(taskNode, task.keyword() + " needs a " + task.labelType().keyword()
                    + " label, but label.type is " + label.type().keyword());
        }
    }

    private Optional<Metric> metric(MappingReader m, Optional<ModelTask> task) {
        Optional<YamlNode> node = m.get("metric");
        if (node.isEmpty()) {
            return task.map(Metric::defaultFor);
        }
        Optional<Metric> metric = values.keyword(node.get(), Metric.class);
        if (metric.isPresent() && task.isPresent()) {
            checkFits(problems, node.get(), metric.get(), task.get());
        }
        return metric;
    }

    /** Shared with monitoring, whose accuracy metric must fit the same task. */
    static void checkFits(Problems problems, YamlNode node, Metric metric, ModelTask task) {
        if (metric.task() != task) {
            problems.report(node, "metric " + metric.keyword() + " does not fit task " + task.keyword()
                    + "; use one of: " + String.join(", ", Metric.forTask(task).stream().map(Metric::keyword).toList()));
        }
    }

    private OptionalDouble threshold(MappingReader m, ModelTask task) {
        if (task != ModelTask.BINARY_CLASSIFICATION) {
            if (m.has("threshold")) {
                m.reportKey("threshold", "threshold applies only to binary_classification");
            }
            return OptionalDouble.empty();
        }
        return m.get("threshold")
                .map(n -> values.number(n, NumberRange.open(0, 1)).map(BigDecimal::doubleValue)
                        .map(OptionalDouble::of).orElse(OptionalDouble.empty()))
                .orElse(OptionalDouble.of(ModelSpec.DEFAULT_THRESHOLD));
    }

    private List<ModelCandidate> candidates(YamlNode node, Optional<ModelTask> task) {
        Optional<List<YamlNode>> items = values.list(node);
        if (items.isEmpty()) {
            return List.of();
        }
        if (items.get().isEmpty()) {
            problems.report(node, "declare at least one candidate");
        }
        Map<String, Integer> seen = new HashMap<>();
        List<ModelCandidate> candidates = new ArrayList<>();
        for (int index = 0; index < items.get().size(); index++) {
            candidate(items.get().get(index), index, seen, task).ifPresent(candidates::add);
        }
        return candidates;
    }

    private Optional<ModelCandidate> candidate(YamlNode node, int index, Map<String, Integer> seen,
                                               Optional<ModelTask> task) {
        Optional<MappingReader> read = values.mapping(node, CANDIDATE_KEYS);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        MappingReader m = read.get();
        Optional<String> name = m.require("name").flatMap(values::name);
        name.ifPresent(text -> {
            YamlNode nameNode = m.get("name").orElseThrow();
            if (!CANDIDATE_NAME.matcher(text).matches()) {
                problems.report(nameNode, "a candidate name is letters, digits, '_' and '-'");
            }
            Integer first = seen.putIfAbsent(text, index);
            if (first != null) {
                problems.report(nameNode, "duplicate candidate name '" + text + "'; candidates[" + first + "] has it already");
            }
        });
        Optional<ModelType> type = m.require("type").flatMap(n -> values.keyword(n, ModelType.class));
        if (type.isPresent() && task.isPresent() && !type.get().supports(task.get())) {
            problems.report(m.get("type").orElseThrow(), type.get().keyword() + " cannot serve task " + task.get().keyword());
        }
        Map<String, Object> params = m.get("params").map(this::params).orElse(Map.of());
        int before = problems.count();
        Optional<SearchSpace> search = m.get("search").flatMap(n -> {
            searchNodes.add(n);
            return search(n, params);
        });
        if (name.isEmpty() || type.isEmpty() || problems.count() != before) {
            return Optional.empty();
        }
        return Optional.of(new ModelCandidate(name.get(), type.get(), params, search));
    }

    private static boolean tuningDeclared(MappingReader model) {
        return model.get("training").filter(YamlNode.Mapping.class::isInstance).map(YamlNode.Mapping.class::cast)
                .map(training -> training.entries().containsKey("tuning")).orElse(false);
    }

    /**
     * {@code search: {learningRate: {min: 1e-4, max: 1e-1, log: true}, hidden: [[16], [32, 16]]}}: per param a
     * range or a list of values. Whether the family knows the param is the training service's check, as for
     * {@code params}; a param both fixed and searched is refused here.
     */
    private Optional<SearchSpace> search(YamlNode node, Map<String, Object> params) {
        int before = problems.count();
        Optional<YamlNode.Mapping> mapping = values.anyMapping(node);
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        if (mapping.get().entries().isEmpty()) {
            problems.report(node, "name at least one param to search, or leave search out");
            return Optional.empty();
        }
        Map<String, SearchDimension> dimensions = new LinkedHashMap<>();
        for (YamlNode.Entry entry : mapping.get().entries().values()) {
            if (params.containsKey(entry.key())) {
                problems.report(entry.value(), entry.key() + " is fixed in params too; keep it in one of params"
                        + " and search");
            }
            dimension(entry.value()).ifPresent(dimension -> dimensions.put(entry.key(), dimension));
        }
        return problems.count() == before ? Optional.of(new SearchSpace(dimensions)) : Optional.empty();
    }

    private Optional<SearchDimension> dimension(YamlNode node) {
        if (node instanceof YamlNode.Sequence sequence) {
            if (sequence.items().isEmpty()) {
                problems.report(node, "list at least one value to choose from");
                return Optional.empty();
            }
            return paramValue(node).map(value -> new SearchDimension.Choice(new ArrayList<Object>((List<?>) value)));
        }
        if (node instanceof YamlNode.Mapping) {
            return range(node);
        }
        problems.report(node, "expected a range like {min: 0.0001, max: 0.1, log: true} or a list of values to"
                + " choose from, but got " + node.describe());
        return Optional.empty();
    }

    private Optional<SearchDimension> range(YamlNode node) {
        int before = problems.count();
        MappingReader m = values.mapping(node, RANGE_KEYS).orElseThrow();
        Optional<Double> min = m.require("min").flatMap(this::rangeEnd);
        Optional<Double> max = m.require("max").flatMap(this::rangeEnd);
        boolean log = m.get("log").flatMap(values::bool).orElse(false);
        boolean integer = m.get("integer").flatMap(values::bool).orElse(false);
        if (min.isPresent() && max.isPresent() && !(min.get() < max.get())) {
            m.reportKey("max", "must be above min (" + min.get() + ") but was " + max.get());
        }
        if (log && min.isPresent() && min.get() <= 0) {
            m.reportKey("min", "a log range needs min > 0 but was " + min.get());
        }
        if (integer) {
            min.filter(end -> end != Math.rint(end)).ifPresent(end -> m.reportKey("min",
                    "an integer range needs a whole number but was " + end));
            max.filter(end -> end != Math.rint(end)).ifPresent(end -> m.reportKey("max",
                    "an integer range needs a whole number but was " + end));
        }
        if (problems.count() != before) {
            return Optional.empty();
        }
        return Optional.of(new SearchDimension.Range(min.orElseThrow(), max.orElseThrow(), log, integer));
    }

    /** A number; {@code 1e-4}, a string to YAML 1.1, is read as the number it is meant to be. */
    private Optional<Double> rangeEnd(YamlNode node) {
        if (node instanceof YamlNode.Scalar scalar && scalar.value() instanceof String text
                && EXPONENT_NUMBER.matcher(text).matches()) {
            return Optional.of(Double.parseDouble(text));
        }
        return values.number(node, NumberRange.ANY).map(BigDecimal::doubleValue);
    }

    private Map<String, Object> params(YamlNode node) {
        Map<String, Object> params = new LinkedHashMap<>();
        values.anyMapping(node).ifPresent(mapping -> mapping.entries().values().forEach(entry ->
                paramValue(entry.value()).ifPresent(value -> params.put(entry.key(), value))));
        return params;
    }

    /** Integers become Integer (Long when large) and decimals Double, as Jackson maps them, for familiarity. */
    private Optional<Object> paramValue(YamlNode node) {
        if (node instanceof YamlNode.Sequence sequence) {
            List<Object> items = new ArrayList<>();
            sequence.items().forEach(item -> paramValue(item).ifPresent(items::add));
            return items.size() == sequence.items().size() ? Optional.of(List.copyOf(items)) : Optional.empty();
        }
        if (node instanceof YamlNode.Scalar scalar && scalar.value() != null) {
            Object value = scalar.value();
            if (value instanceof BigInteger integer) {
                if (integer.bitLength() < Integer.SIZE) {
                    return Optional.of(integer.intValue());
                }
                if (integer.bitLength() < Long.SIZE) {
                    return Optional.of(integer.longValue());
                }
                problems.report(node, "integer too large for a parameter: " + integer);
                return Optional.empty();
            }
            return Optional.of(value instanceof BigDecimal decimal ? (Object) decimal.doubleValue() : value);
        }
        problems.report(node, "expected a number, string, boolean or list but got " + node.describe());
        return Optional.empty();
    }

    /**
     * {@code minPositives} of {@code model.training}, shared with {@code monitoring}: an integer of at least 1,
     * and only for binary classification. Refused for regression rather than ignored: a regression label has no
     * positives, and the key would promise a guard that does not exist.
     */
    static int minPositives(ValueReader values, MappingReader m, Optional<ModelTask> task, int defaultValue) {
        if (!m.has("minPositives")) {
            return defaultValue;
        }
        if (task.isPresent() && task.get() != ModelTask.BINARY_CLASSIFICATION) {
            m.reportKey("minPositives", "minPositives applies only to binary_classification");
            return defaultValue;
        }
        return values.integer(m.get("minPositives").orElseThrow(), NumberRange.atLeast(1)).orElse(defaultValue);
    }

    private Optional<TrainingSpec> training(YamlNode node, Optional<ModelTask> task) {
        int before = problems.count();
        Optional<MappingReader> read = values.mapping(node, TRAINING_KEYS);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        MappingReader m = read.get();
        double holdout = m.get("holdout").flatMap(n -> values.number(n, NumberRange.open(0, 1)))
                .map(BigDecimal::doubleValue).orElse(TrainingSpec.DEFAULT_HOLDOUT);
        int minExamples = m.get("minExamples").flatMap(n -> values.integer(n, NumberRange.atLeast(1)))
                .orElse(TrainingSpec.DEFAULT_MIN_EXAMPLES);
        int minPositives = minPositives(values, m, task, TrainingSpec.DEFAULT_MIN_POSITIVES);
        Optional<Duration> schedule = m.get("schedule").flatMap(n -> values.duration(n, true));
        Duration recentWindow = m.get("recentWindow").flatMap(n -> values.duration(n, true))
                .orElse(TrainingSpec.DEFAULT_RECENT_WINDOW);
        Optional<CleaningSpec> cleaning = m.get("cleaning").flatMap(this::cleaning);
        Optional<TuningSpec> tuning = m.get("tuning").flatMap(this::tuning);
        boolean challenger = m.get("challenger").flatMap(values::bool).orElse(false);
        return problems.count() == before
                ? Optional.of(new TrainingSpec(holdout, minExamples, minPositives, schedule, recentWindow, cleaning,
                        tuning, challenger))
                : Optional.empty();
    }

    /** {@code model.training.tuning}: every key optional; {@code halving} needs its {@code minResource}. */
    private Optional<TuningSpec> tuning(YamlNode node) {
        int before = problems.count();
        Optional<MappingReader> read = values.mapping(node, TUNING_KEYS);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        MappingReader m = read.get();
        int trials = m.get("trials").flatMap(n -> values.integer(n, NumberRange.atLeast(1)))
                .orElse(TuningSpec.DEFAULT_TRIALS);
        Optional<Duration> maxTime = m.get("maxTime").flatMap(n -> values.duration(n, true));
        Optional<TuningSpec.Halving> halving = m.get("halving").flatMap(this::halving);
        int parallelism = m.get("parallelism").flatMap(n -> values.integer(n, NumberRange.atLeast(1)))
                .orElse(TuningSpec.DEFAULT_PARALLELISM);
        long seed = m.get("seed").flatMap(n -> values.integer(n, NumberRange.ANY)).map(Integer::longValue)
                .orElse(TuningSpec.DEFAULT_SEED);
        double validation = m.get("validation").flatMap(n -> values.number(n, NumberRange.open(0, 1)))
                .map(BigDecimal::doubleValue).orElse(TuningSpec.DEFAULT_VALIDATION);
        return problems.count() == before
                ? Optional.of(new TuningSpec(trials, maxTime, halving, parallelism, seed, validation))
                : Optional.empty();
    }

    private Optional<TuningSpec.Halving> halving(YamlNode node) {
        int before = problems.count();
        Optional<MappingReader> read = values.mapping(node, HALVING_KEYS);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        MappingReader m = read.get();
        int eta = m.get("eta").flatMap(n -> values.integer(n, NumberRange.atLeast(2)))
                .orElse(TuningSpec.Halving.DEFAULT_ETA);
        Optional<Integer> minResource = m.require("minResource").flatMap(n -> values.integer(n, NumberRange.atLeast(1)));
        return problems.count() == before ? Optional.of(new TuningSpec.Halving(eta, minResource.orElseThrow()))
                : Optional.empty();
    }

    /**
     * {@code model.training.cleaning}: each key optional, defaulting to leaving the data as it is; the threshold
     * only where collinear features are dropped (elsewhere it would promise a step that does not happen).
     */
    private Optional<CleaningSpec> cleaning(YamlNode node) {
        int before = problems.count();
        Optional<MappingReader> read = values.mapping(node, CLEANING_KEYS);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        MappingReader m = read.get();
        CleaningSpec.Nulls nulls = m.get("nulls").flatMap(n -> values.keyword(n, CleaningSpec.Nulls.class))
                .orElse(CleaningSpec.Nulls.KEEP);
        CleaningSpec.Outliers outliers = m.get("outliers")
                .flatMap(n -> values.keyword(n, CleaningSpec.Outliers.class)).orElse(CleaningSpec.Outliers.KEEP);
        CleaningSpec.Collinear collinear = m.get("collinear")
                .flatMap(n -> values.keyword(n, CleaningSpec.Collinear.class)).orElse(CleaningSpec.Collinear.KEEP);
        if (m.has("threshold") && collinear != CleaningSpec.Collinear.DROP) {
            m.reportKey("threshold", "threshold applies only with collinear: drop");
        }
        double threshold = m.get("threshold").flatMap(n -> values.number(n, NumberRange.aboveUpTo(0, 1)))
                .map(BigDecimal::doubleValue).orElse(CleaningSpec.DEFAULT_COLLINEAR_THRESHOLD);
        return problems.count() == before
                ? Optional.of(new CleaningSpec(nulls, outliers, collinear, threshold))
                : Optional.empty();
    }
}
