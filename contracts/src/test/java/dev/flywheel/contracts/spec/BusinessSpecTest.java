package dev.flywheel.contracts.spec;

import static dev.flywheel.contracts.spec.TestSpecs.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

/** {@code business}: the cost matrix, capacity, running costs and goals, and the errors naming the path. */
class BusinessSpecTest {

    private static String withBusiness(String business) {
        return TestSpecs.resource("minimal.yaml") + "business:\n" + business;
    }

    private static final String FRAUD_COSTS = """
              costs:
                missedFraud: {amountOf: amount}
                falseAlarm: {reviewMinutes: 10, hourlyRate: 40}
                trueAlarm: {saves: {amountOf: amount}, minusReview: true}
            """;

    @Test
    void fraudCostMatrixBindsToAbsoluteValuesPerOutcome() {
        // Given the handbook-style matrix: a missed fraud loses its amount, a review takes 10 min at 40/h
        String yaml = withBusiness(FRAUD_COSTS + """
                  capacityPerDay: 100
                  running: {cpuHourRate: 0.05, servingCpus: 2}
                  goals:
                    - {metric: average_precision, atLeast: 0.65, by: 2026-12-31}
                    - {metric: serving_p99_latency_ms, atMost: 50, by: 2026-06-30}
                """);

        // When
        BusinessSpec business = PipelineSpecs.parse("b.yaml", yaml).business().orElseThrow();

        // Then a review costs 10/60 * 40 = 6.6667; a true alarm = missed (-amount) + saves (+amount) - review
        CostMatrix costs = business.costs();
        assertThat(costs.amountField()).contains("amount");
        assertThat(costs.missed()).isEqualTo(new OutcomeValue(0, -1));
        assertThat(costs.falseAlarm().fixed()).isCloseTo(-6.6667, within(1e-4));
        assertThat(costs.trueAlarm().fixed()).isCloseTo(-6.6667, within(1e-4));
        assertThat(costs.trueAlarm().perAmount()).isZero();
        assertThat(costs.quietPass()).isEqualTo(OutcomeValue.NOTHING);
        // a 120.00 fraud missed is -120; caught, -6.67
        assertThat(costs.value(false, true, 120)).isEqualTo(-120);
        assertThat(costs.value(true, true, 120)).isCloseTo(-6.6667, within(1e-4));
        assertThat(business.capacityPerDay()).isEqualTo(OptionalInt.of(100));
        assertThat(business.running()).isEqualTo(new RunningCosts(0.05, 2));
        // 2 CPUs * 24 h * 0.05 = 2.40 a day
        assertThat(business.running().servingPerDay()).isCloseTo(2.40, within(1e-9));
        assertThat(business.goals()).containsExactly(
                new BusinessGoal(GoalMetric.AVERAGE_PRECISION, 0.65, LocalDate.of(2026, 12, 31)),
                new BusinessGoal(GoalMetric.SERVING_P99_LATENCY_MS, 50, LocalDate.of(2026, 6, 30)));
    }

    @Test
    void constantsNeedNoAmountField() {
        // Given constant costs and a constant saving
        String yaml = withBusiness("""
                  costs:
                    missedFraud: {cost: 100}
                    falseAlarm: {cost: 5}
                    trueAlarm: {saves: 80}
                """);

        // When
        CostMatrix costs = PipelineSpecs.parse("b.yaml", yaml).business().orElseThrow().costs();

        // Then a true alarm = -100 + 80 = -20; no amount, no running costs, no goals
        assertThat(costs.amountField()).isEmpty();
        assertThat(costs.trueAlarm()).isEqualTo(new OutcomeValue(-20, 0));
        assertThat(costs.falseAlarm()).isEqualTo(new OutcomeValue(-5, 0));
    }

    @Test
    void aSpecWithoutBusinessHasNone() {
        // Given / When
        PipelineSpec spec = PipelineSpecs.parse("m.yaml", TestSpecs.resource("minimal.yaml"));

        // Then
        assertThat(spec.business()).isEqualTo(Optional.empty());
    }

    @Test
    void anAmountMustBeAFeature() {
        // Given an amount naming a schema field that is no feature, and one naming nothing known
        List<SpecProblem> schemaOnly = problemsOf("b.yaml", withBusiness("""
                  costs:
                    missedFraud: {amountOf: channel}
                    falseAlarm: {cost: 1}
                    trueAlarm: {cost: 1}
                """));
        List<SpecProblem> unknown = problemsOf("b.yaml", withBusiness("""
                  costs:
                    missedFraud: {amountOf: amout}
                    falseAlarm: {cost: 1}
                    trueAlarm: {cost: 1}
                """));

        // Then
        assertThat(schemaOnly).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("business.costs.missedFraud.amountOf");
            assertThat(p.message()).contains("'channel' is a schema field but not a feature");
        });
        assertThat(unknown).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("business.costs.missedFraud.amountOf");
            assertThat(p.message()).contains("amout").contains("amount");
        });
    }

    @Test
    void badValuesAreNamedByPath() {
        // Given a review without a rate, minusReview without a falseAlarm review, a goal bound in the wrong
        // direction, a date that is no date, a missing trueAlarm
        List<SpecProblem> rate = problemsOf("b.yaml", withBusiness("""
                  costs:
                    missedFraud: {amountOf: amount}
                    falseAlarm: {reviewMinutes: 10}
                    trueAlarm: {cost: 1}
                """));
        List<SpecProblem> minusReview = problemsOf("b.yaml", withBusiness("""
                  costs:
                    missedFraud: {amountOf: amount}
                    falseAlarm: {cost: 3}
                    trueAlarm: {saves: {amountOf: amount}, minusReview: true}
                """));
        List<SpecProblem> goal = problemsOf("b.yaml", withBusiness(FRAUD_COSTS + """
                  goals:
                    - {metric: serving_p99_latency_ms, atLeast: 50, by: 2026-12-31}
                    - {metric: label_coverage, atLeast: 0.9, by: end of year}
                    - {metric: average_precision, atLeast: 1.5, by: 2026-12-31}
                """));
        List<SpecProblem> missing = problemsOf("b.yaml", withBusiness("""
                  costs:
                    missedFraud: {amountOf: amount}
                    falseAlarm: {cost: 3}
                """));

        // Then
        assertThat(rate).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("business.costs.falseAlarm.hourlyRate");
            assertThat(p.message()).contains("needs both reviewMinutes and hourlyRate");
        });
        assertThat(minusReview).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("business.costs.trueAlarm.minusReview");
            assertThat(p.message()).contains("costs.falseAlarm, which declares none");
        });
        assertThat(goal).extracting(SpecProblem::path).containsExactly("business.goals[0].atLeast",
                "business.goals[1].by", "business.goals[2].atLeast");
        assertThat(goal.get(0).message()).contains("set atMost instead");
        assertThat(goal.get(1).message()).contains("a date like 2026-12-31");
        assertThat(goal.get(2).message()).contains("but was 1.5");
        assertThat(missing).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("business.costs.trueAlarm");
            assertThat(p.message()).isEqualTo("required key is missing");
        });
    }
}
