package dev.flywheel.contracts.spec;

import static dev.flywheel.contracts.spec.TestSpecs.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Mistakes in the {@code validation} section, each in a section appended to {@code specs/minimal.yaml}
 * (fields id, ts, customer, amount, channel; 20 lines, so the section starts on line 21).
 */
class ValidationSpecErrorsTest {

    /** minimal.yaml with a validation section holding these rules (one per line, from line 23). */
    private static String withRules(String... rules) {
        StringBuilder yaml = new StringBuilder(TestSpecs.resource("minimal.yaml")).append("validation:\n  rules:\n");
        for (String rule : rules) {
            yaml.append("    - ").append(rule).append('\n');
        }
        return yaml.toString();
    }

    @Test
    void anUnknownFieldIsReportedAtTheCheckWithASuggestion() {
        // When
        List<SpecProblem> problems = problemsOf("rules.yaml", withRules("{name: r, check: \"amount <= amout\"}"));

        // Then
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(23);
            assertThat(problem.column()).isEqualTo(24);
            assertThat(problem.path()).isEqualTo("validation.rules[0].check");
            assertThat(problem.message()).startsWith("unknown field 'amout'; did you mean 'amount'? schema fields are: id,");
        });
    }

    @Test
    void fieldsOfTypesThatDoNotCompareAreRefused() {
        // When a number is compared with a timestamp, a string field and a literal of the wrong kind
        List<SpecProblem> problems = problemsOf("rules.yaml", withRules(
                "{name: a, check: \"amount < ts\"}",
                "{name: b, check: \"channel == 3\"}",
                "{name: c, check: \"ts > 'yesterday'\"}",
                "{name: d, check: \"amount >= 'ten'\"}"));

        // Then
        assertThat(problems).extracting(SpecProblem::line, SpecProblem::message).containsExactly(
                tuple(23, "cannot compare 'amount' (a number) with 'ts' (a timestamp)"),
                tuple(24, "cannot compare 'channel' (a string) with 3; write a quoted string such as 'web'"),
                tuple(25, "cannot compare 'ts' (a timestamp) with 'yesterday'; write a quoted ISO-8601 instant"
                        + " such as '2018-04-01T00:00:00Z'"),
                tuple(26, "cannot compare 'amount' (a number) with 'ten'; write a number such as 0 or 2.5"));
    }

    @Test
    void aCheckThatIsNotAComparisonSaysWhatTheFormIs() {
        // When
        List<SpecProblem> problems = problemsOf("rules.yaml", withRules(
                "{name: a, check: \"amount\"}",
                "{name: b, check: \"amount > 3x\"}",
                "{name: c, check: \"amount > null\"}",
                "{name: d, check: \"amount > amount\"}"));

        // Then
        assertThat(problems).extracting(SpecProblem::line, SpecProblem::message).containsExactly(
                tuple(23, "expected '<field> <op> <field or literal>' with <op> one of <, <=, >, >=, ==, != but got"
                        + " string \"amount\""),
                tuple(24, "expected a field name or a literal (a number, 'text', true or false) after the operator"
                        + " but got \"3x\""),
                tuple(25, "a rule does not fire on null values, so comparing with null checks nothing; use required:"
                        + " true or nullable: false in the schema"),
                tuple(26, "'amount' is compared with itself"));
    }

    @Test
    void ruleNamesAreUniqueAndEachRuleHasOneForm() {
        // When
        List<SpecProblem> problems = problemsOf("rules.yaml", withRules(
                "{name: same, check: \"amount > 0\"}",
                "{name: same, check: \"amount < 9\"}",
                "{name: both, check: \"amount > 0\", when: channel, require: [customer]}",
                "{name: half, when: channel}",
                "{name: none}",
                "{name: self, when: channel, require: [channel, custmer]}",
                "{name: has space, check: \"amount > 0\"}"));

        // Then
        assertThat(problems).extracting(SpecProblem::line, SpecProblem::path, SpecProblem::message).containsExactly(
                tuple(24, "validation.rules[1].name", "duplicate rule name 'same'"),
                tuple(25, "validation.rules[2].when", "a rule has either check (a comparison) or when and require, not both"),
                tuple(26, "validation.rules[3].require", "required key is missing"),
                tuple(27, "validation.rules[4].check",
                        "a rule needs check (a comparison such as \"a <= b\") or when and require"),
                tuple(28, "validation.rules[5].require[1]", "unknown field 'custmer'; did you mean 'customer'?"
                        + " schema fields are: id, ts, customer, amount, channel"),
                tuple(29, "validation.rules[6].name", "a rule name is letters, digits, '_' and '-' (it becomes the rule"
                        + " keyword rule:<name> of violations and a metric tag)"));
    }

    @Test
    void deduplicationNeedsAPositiveWindowAndKnowsOnlyItsKeys() {
        // When
        List<SpecProblem> problems = problemsOf("dedupe.yaml", TestSpecs.resource("minimal.yaml")
                + "validation:\n  deduplicate: {within: 0m, maxIdz: 5}\n");

        // Then
        assertThat(problems).extracting(SpecProblem::path, SpecProblem::message).containsExactly(
                tuple("validation.deduplicate.within", "must be longer than 0"),
                tuple("validation.deduplicate.maxIdz", "unknown key 'maxIdz'; did you mean 'maxIds'? allowed keys are:"
                        + " within, maxIds"));
    }

    @Test
    void aBooleanFieldComparesOnlyForEquality() {
        // Given minimal.yaml with a boolean field
        String yaml = withRules("{name: r, check: \"online > false\"}")
                .replace("  channel: {type: string, enum: [web, pos]}\n",
                        "  channel: {type: string, enum: [web, pos]}\n  online: {type: boolean}\n");

        // When / Then
        assertThat(problemsOf("rules.yaml", yaml)).extracting(SpecProblem::message)
                .containsExactly("'online' is a boolean; booleans compare only with == and !=");
    }
}
