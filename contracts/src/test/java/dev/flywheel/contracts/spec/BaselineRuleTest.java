package dev.flywheel.contracts.spec;

import static dev.flywheel.contracts.spec.TestSpecs.minimalWith;
import static dev.flywheel.contracts.spec.TestSpecs.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;

class BaselineRuleTest {

    @Test
    void andBindsTighterThanOr() {
        // Given a rule of two groups
        BaselineRule rule = BaselineRule.parse("amount > 220 and night == 1 OR risk >= 0.5");

        // Then it is (amount > 220 and night == 1) or (risk >= 0.5)
        assertThat(rule.anyOf()).hasSize(2);
        assertThat(rule.anyOf().get(0)).extracting(BaselineRule.Condition::feature).containsExactly("amount", "night");
        assertThat(rule.anyOf().get(1)).containsExactly(
                new BaselineRule.Condition("risk", ComparisonOperator.GREATER_OR_EQUAL, 0.5));
        assertThat(rule.canonical()).isEqualTo("amount > 220 and night == 1 or risk >= 0.5");
        assertThat(rule.features()).containsExactly("amount", "night", "risk");
    }

    @Test
    void conditionsCompareLikeTheirOperator() {
        BaselineRule.Condition above = BaselineRule.parse("amount > 220").anyOf().get(0).get(0);
        BaselineRule.Condition notZero = BaselineRule.parse("flag != 0").anyOf().get(0).get(0);

        assertThat(above.holds(220.5)).isTrue();
        assertThat(above.holds(220)).isFalse();
        assertThat(notZero.holds(1)).isTrue();
        assertThat(notZero.holds(0)).isFalse();
    }

    @Test
    void whatIsNotAComparisonIsNamed() {
        assertThatThrownBy(() -> BaselineRule.parse("amount > 220 and night"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'night' is not a comparison of a feature with a number");
        assertThatThrownBy(() -> BaselineRule.parse(" "))
                .hasMessageContaining("must not be empty");
    }

    @Test
    void theSpecAcceptsABaselineOverItsFeatures() {
        // Given the minimal spec with a baseline
        String yaml = minimalWith("  task: binary_classification\n",
                "  task: binary_classification\n  baseline: \"amount > 220 or amount_vs_avg >= 3\"\n");

        // When it is parsed
        PipelineSpec spec = PipelineSpecs.parse("baseline.yaml", yaml);

        // Then the model spec carries the rule
        assertThat(spec.model().baseline()).map(BaselineRule::canonical)
                .contains("amount > 220 or amount_vs_avg >= 3");
    }

    @Test
    void aBaselineOverAnUnknownFeatureOrMalformedIsRefusedAtTheField() {
        // Given a baseline naming a feature the spec does not compute
        String unknown = minimalWith("  task: binary_classification\n",
                "  task: binary_classification\n  baseline: \"amout > 220\"\n");
        String malformed = minimalWith("  task: binary_classification\n",
                "  task: binary_classification\n  baseline: \"amount >\"\n");

        // When / Then the problem points at model.baseline and says what is wrong
        List<SpecProblem> unknownProblems = problemsOf("unknown.yaml", unknown);
        assertThat(unknownProblems).extracting(SpecProblem::path).containsExactly("model.baseline");
        assertThat(unknownProblems.get(0).message()).contains("unknown feature 'amout'").contains("amount");
        assertThat(problemsOf("malformed.yaml", malformed))
                .extracting(SpecProblem::line, SpecProblem::path)
                .containsExactly(tuple(19, "model.baseline"));
    }
}
