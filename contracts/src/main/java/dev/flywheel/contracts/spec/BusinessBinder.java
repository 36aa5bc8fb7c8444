package dev.flywheel.contracts.spec;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Binds the {@code business} section. Amounts ({@code amountOf}) must name one feature, because examples and
 * predictions carry features, not raw events; a true alarm's {@code saves} is turned into an absolute value
 * relative to the missed outcome ({@link CostMatrix}).
 */
final class BusinessBinder {

    private static final List<String> KEYS = List.of("costs", "capacityPerDay", "running", "goals");
    private static final List<String> COST_KEYS = List.of("missedFraud", "falseAlarm", "trueAlarm", "quietPass");
    private static final List<String> OUTCOME_KEYS = List.of("amountOf", "cost", "reviewMinutes", "hourlyRate");
    private static final List<String> TRUE_ALARM_KEYS = List.of("saves", "minusReview", "amountOf", "cost",
            "reviewMinutes", "hourlyRate");
    private static final List<String> RUNNING_KEYS = List.of("cpuHourRate", "servingCpus");
    private static final List<String> GOAL_KEYS = List.of("metric", "atLeast", "atMost", "by");
    private static final List<String> AMOUNT_KEYS = List.of("amountOf");

    private final ValueReader values;
    private final Problems problems;
    private final SchemaReferences schema;
    /** The spec's feature names; null when the features could not be read (amount checks are skipped). */
    private final List<String> features;
    private final Optional<ModelTask> task;
    /** Every amountOf seen, to insist they name one field. */
    private final List<String> amountFields = new ArrayList<>();

    BusinessBinder(ValueReader values, SchemaReferences schema, List<String> features, Optional<ModelTask> task) {
        this.values = values;
        this.problems = values.problems();
        this.schema = schema;
        this.features = features;
        this.task = task;
    }

    Optional<BusinessSpec> bind(YamlNode node) {
        int before = problems.count();
        Optional<MappingReader> read = values.mapping(node, KEYS);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        MappingReader m = read.get();
        task.filter(t -> t != ModelTask.BINARY_CLASSIFICATION).ifPresent(t -> problems.report(node,
                "business values the decisions of a binary classifier, but model.task is " + t.keyword()));
        Optional<CostMatrix> costs = m.require("costs").flatMap(this::costs);
        OptionalInt capacity = m.get("capacityPerDay").flatMap(n -> values.integer(n, NumberRange.atLeast(1)))
                .map(OptionalInt::of).orElse(OptionalInt.empty());
        RunningCosts running = m.get("running").flatMap(this::running).orElse(RunningCosts.NONE);
        List<BusinessGoal> goals = m.get("goals").map(this::goals).orElse(List.of());
        if (problems.count() != before || costs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new BusinessSpec(costs.get(), capacity, running, goals));
    }

    private Optional<CostMatrix> costs(YamlNode node) {
        Optional<MappingReader> read = values.mapping(node, COST_KEYS);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        MappingReader m = read.get();
        Optional<Outcome> missed = m.require("missedFraud").flatMap(n -> outcome(n, OUTCOME_KEYS));
        Optional<Outcome> falseAlarm = m.require("falseAlarm").flatMap(n -> outcome(n, OUTCOME_KEYS));
        Optional<Outcome> quietPass = m.get("quietPass").isPresent()
                ? m.get("quietPass").flatMap(n -> outcome(n, OUTCOME_KEYS))
                : Optional.of(new Outcome(OutcomeValue.NOTHING, Optional.empty()));
        Optional<OutcomeValue> trueAlarm = m.require("trueAlarm").flatMap(n -> trueAlarm(n, missed, falseAlarm));
        if (missed.isEmpty() || falseAlarm.isEmpty() || quietPass.isEmpty() || trueAlarm.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> amountField = amountFields.stream().findFirst();
        return Optional.of(new CostMatrix(amountField, trueAlarm.get(), falseAlarm.get().value(), missed.get().value(),
                quietPass.get().value()));
    }

    /** A cost as written, and its review part (for a true alarm's {@code minusReview}). */
    private record Outcome(OutcomeValue value, Optional<Double> review) {
    }

    /** {@code {amountOf: f}}, {@code {cost: 5}}, {@code {reviewMinutes: 10, hourlyRate: 40}}, or a sum of them. */
    private Optional<Outcome> outcome(YamlNode node, List<String> keys) {
        return values.mapping(node, keys).flatMap(m -> outcome(node, m));
    }

    private Optional<Outcome> outcome(YamlNode node, MappingReader m) {
        int before = problems.count();
        if (!m.has("amountOf") && !m.has("cost") && !m.has("reviewMinutes") && !m.has("hourlyRate")) {
            problems.report(node, "declare what the outcome costs: amountOf (a feature), cost (a number), or "
                    + "reviewMinutes with hourlyRate");
            return Optional.empty();
        }
        double perAmount = m.get("amountOf").flatMap(this::amountField).map(field -> -1.0).orElse(0.0);
        double fixed = 0.0 - m.get("cost").flatMap(n -> values.finiteNumber(n, NumberRange.atLeast(0)))
                .map(BigDecimal::doubleValue).orElse(0.0);
        Optional<Double> review = review(m);
        if (problems.count() != before) {
            return Optional.empty();
        }
        return Optional.of(new Outcome(new OutcomeValue(fixed - review.orElse(0.0), perAmount), review));
    }

    /** {@code reviewMinutes} and {@code hourlyRate}, which only make sense together. */
    private Optional<Double> review(MappingReader m) {
        if (m.has("reviewMinutes") != m.has("hourlyRate")) {
            String missing = m.has("reviewMinutes") ? "hourlyRate" : "reviewMinutes";
            m.reportMissing(missing, "a review cost needs both reviewMinutes and hourlyRate");
            return Optional.empty();
        }
        if (!m.has("reviewMinutes")) {
            return Optional.empty();
        }
        Optional<BigDecimal> minutes = m.get("reviewMinutes").flatMap(n -> values.finiteNumber(n, NumberRange.atLeast(0)));
        Optional<BigDecimal> rate = m.get("hourlyRate").flatMap(n -> values.finiteNumber(n, NumberRange.atLeast(0)));
        if (minutes.isEmpty() || rate.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(minutes.get().doubleValue() / 60 * rate.get().doubleValue());
    }

    /**
     * {@code {saves: {amountOf: f} | 100, minusReview: true}}: what catching the case saves compared with missing
     * it, so its absolute value is {@code missed + saves - review}; or an absolute cost like any other outcome.
     */
    private Optional<OutcomeValue> trueAlarm(YamlNode node, Optional<Outcome> missed, Optional<Outcome> falseAlarm) {
        int before = problems.count();
        Optional<MappingReader> read = values.mapping(node, TRUE_ALARM_KEYS);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        MappingReader m = read.get();
        if (!m.has("saves")) {
            if (m.has("minusReview")) {
                m.reportKey("minusReview", "minusReview goes with saves; without saves, write the review as "
                        + "reviewMinutes and hourlyRate");
                return Optional.empty();
            }
            return outcome(node, m).map(Outcome::value);
        }
        OutcomeValue saves = m.get("saves").flatMap(this::saves).orElse(OutcomeValue.NOTHING);
        boolean minusReview = m.get("minusReview").flatMap(values::bool).orElse(false);
        double review = 0;
        if (minusReview && falseAlarm.isPresent()) {
            if (falseAlarm.get().review().isEmpty()) {
                m.reportKey("minusReview", "minusReview subtracts the review of costs.falseAlarm, which declares "
                        + "none (give it reviewMinutes and hourlyRate)");
            } else {
                review = falseAlarm.get().review().get();
            }
        }
        double fixedCost = 0.0 - m.get("cost").flatMap(n -> values.finiteNumber(n, NumberRange.atLeast(0)))
                .map(BigDecimal::doubleValue).orElse(0.0);
        if (m.has("amountOf") || m.has("reviewMinutes") || m.has("hourlyRate")) {
            problems.report(node, "with saves, write the true alarm's own review as minusReview: true (the review of "
                    + "costs.falseAlarm) or as cost");
        }
        if (problems.count() != before || missed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(missed.get().value().plus(saves).plus(new OutcomeValue(fixedCost - review, 0)));
    }

    private Optional<OutcomeValue> saves(YamlNode node) {
        if (node instanceof YamlNode.Mapping) {
            return values.mapping(node, AMOUNT_KEYS).flatMap(m -> m.require("amountOf"))
                    .flatMap(this::amountField).map(field -> new OutcomeValue(0, 1));
        }
        return values.finiteNumber(node, NumberRange.atLeast(0)).map(n -> new OutcomeValue(n.doubleValue(), 0));
    }

    /** A feature holding an amount; every {@code amountOf} must name the same one. */
    private Optional<String> amountField(YamlNode node) {
        Optional<String> name = values.name(node);
        if (name.isEmpty() || features == null) {
            return name;
        }
        String field = name.get();
        if (!features.contains(field)) {
            if (schema.isDeclared(field)) {
                problems.report(node, "'" + field + "' is a schema field but not a feature; examples and predictions "
                        + "carry features only, so add {name: " + field + ", value: " + field + "} to features");
            } else {
                problems.report(node, ClosestMatch.unknown("unknown feature", field, features, "features are"));
            }
            return Optional.empty();
        }
        if (!amountFields.isEmpty() && !amountFields.get(0).equals(field)) {
            problems.report(node, "every amountOf must name the same feature, but this one names '" + field
                    + "' and an earlier one '" + amountFields.get(0) + "'");
            return Optional.empty();
        }
        amountFields.add(field);
        return name;
    }

    private Optional<RunningCosts> running(YamlNode node) {
        int before = problems.count();
        return values.mapping(node, RUNNING_KEYS).flatMap(m -> {
            double rate = m.require("cpuHourRate").flatMap(n -> values.finiteNumber(n, NumberRange.atLeast(0)))
                    .map(BigDecimal::doubleValue).orElse(0.0);
            double cpus = m.get("servingCpus").flatMap(n -> values.finiteNumber(n, NumberRange.atLeast(0)))
                    .map(BigDecimal::doubleValue).orElse(RunningCosts.DEFAULT_SERVING_CPUS);
            return problems.count() == before ? Optional.of(new RunningCosts(rate, cpus)) : Optional.empty();
        });
    }

    private List<BusinessGoal> goals(YamlNode node) {
        List<BusinessGoal> goals = new ArrayList<>();
        values.list(node).ifPresent(items -> items.forEach(item -> goal(item).ifPresent(goals::add)));
        return goals;
    }

    /** {@code {metric: average_precision, atLeast: 0.65, by: 2026-12-31}}. */
    private Optional<BusinessGoal> goal(YamlNode node) {
        int before = problems.count();
        Optional<MappingReader> read = values.mapping(node, GOAL_KEYS);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        MappingReader m = read.get();
        Optional<GoalMetric> metric = m.require("metric").flatMap(n -> values.keyword(n, GoalMetric.class));
        Optional<LocalDate> by = m.require("by").flatMap(this::date);
        if (metric.isEmpty()) {
            return Optional.empty();
        }
        String bound = metric.get().higherIsBetter() ? "atLeast" : "atMost";
        String other = metric.get().higherIsBetter() ? "atMost" : "atLeast";
        if (m.has(other)) {
            m.reportKey(other, "for " + metric.get().keyword() + " " + (metric.get().higherIsBetter() ? "higher"
                    : "lower") + " is better; set " + bound + " instead");
            return Optional.empty();
        }
        NumberRange range = metric.get().unitInterval() ? NumberRange.closed(0, 1)
                : metric.get().signed() ? NumberRange.ANY : NumberRange.atLeast(0);
        Optional<BigDecimal> target = m.require(bound).flatMap(n -> values.finiteNumber(n, range));
        if (problems.count() != before || target.isEmpty() || by.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new BusinessGoal(metric.get(), target.get().doubleValue(), by.get()));
    }

    private Optional<LocalDate> date(YamlNode node) {
        Optional<String> text = values.text(node);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.get()));
        } catch (DateTimeParseException e) {
            problems.report(node, "expected a date like 2026-12-31 but got " + node.describe());
            return Optional.empty();
        }
    }
}
