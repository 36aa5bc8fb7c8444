package dev.flywheel.contracts.spec;

import static dev.flywheel.contracts.spec.TestSpecs.minimalWith;
import static dev.flywheel.contracts.spec.TestSpecs.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * One test per kind of spec error, each on a copy of {@code specs/minimal.yaml} with one mistake put in;
 * line numbers refer to that file.
 */
class SpecErrorsTest {

    private static final String AVG_FEATURE =
            "{name: avg_amount_7d, aggregate: avg, of: amount, by: customer, window: 7d}";

    @Test
    void yamlSyntaxErrorIsReportedAtItsLine() {
        // Given a value with a stray colon on line 8
        String yaml = minimalWith("eventId: id", "eventId: id: x");

        // When
        List<SpecProblem> problems = problemsOf("syntax.yaml", yaml);

        // Then
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("syntax.yaml");
            assertThat(problem.line()).isEqualTo(8);
            assertThat(problem.column()).isEqualTo(12);
            assertThat(problem.message()).isEqualTo("YAML syntax error: mapping values are not allowed here");
        });
    }

    @Test
    void unclosedFlowMappingIsASyntaxError() {
        // Given line 11 without its closing brace
        String yaml = minimalWith("label: {name: fraud, type: binary}", "label: {name: fraud, type: binary");

        // When
        List<SpecProblem> problems = problemsOf("syntax.yaml", yaml);

        // Then the parser notices where the mapping should have ended, on the next key
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(12);
            assertThat(problem.message()).startsWith("YAML syntax error: expected ',' or '}'");
        });
    }

    @Test
    void duplicateYamlKeyIsReportedInsteadOfSilentlyOverriding() {
        // Given eventId declared again on line 10
        String yaml = minimalWith("eventTime: ts\n", "eventTime: ts\neventId: customer\n");

        // When
        List<SpecProblem> problems = problemsOf("dup.yaml", yaml);

        // Then
        assertThat(problems).extracting(SpecProblem::line, SpecProblem::path, SpecProblem::message)
                .containsExactly(tuple(10, "eventId", "duplicate key 'eventId' (first at line 8)"));
    }

    @Test
    void emptyFileIsRefused() {
        // When
        List<SpecProblem> problems = problemsOf("empty.yaml", "# nothing here\n");

        // Then
        assertThat(problems).extracting(SpecProblem::message)
                .containsExactly("the file holds no YAML document; expected a pipeline spec");
    }

    @Test
    void wrongTypeNamesWhatWasExpectedAndWhatWasFound() {
        // Given a word where a number belongs (line 6) and a scalar where a list belongs (line 10)
        String yaml = minimalWith("min: 0}", "min: zero}").replace("entities: [customer]", "entities: customer");

        // When
        List<SpecProblem> problems = problemsOf("types.yaml", yaml);

        // Then
        assertThat(problems).extracting(SpecProblem::line, SpecProblem::path, SpecProblem::message).containsExactly(
                tuple(6, "schema.amount.min", "expected a number but got string \"zero\""),
                tuple(10, "entities", "expected a list but got string \"customer\""));
    }

    @Test
    void missingRequiredKeyIsNamedByItsPath() {
        // Given no eventTime at all and a feature without a window (line 14)
        String yaml = minimalWith("eventTime: ts\n", "").replace(", window: 7d}", "}");

        // When
        List<SpecProblem> problems = problemsOf("missing.yaml", yaml);

        // Then the top-level key points at the document, the feature key at the feature
        assertThat(problems).extracting(SpecProblem::line, SpecProblem::path, SpecProblem::message).containsExactly(
                tuple(1, "eventTime", "required key is missing"),
                tuple(13, "features[1].window", "required key is missing"));
    }

    @Test
    void unknownKeySuggestsTheClosestKnownKey() {
        // Given 'windw' for 'window' on line 14
        String yaml = minimalWith(AVG_FEATURE, AVG_FEATURE.replace("window:", "windw:"));

        // When
        List<SpecProblem> problems = problemsOf("typo.yaml", yaml);

        // Then one problem, with the suggestion; the missing 'window' is not reported a second time
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(14);
            assertThat(problem.column()).isEqualTo(69);
            assertThat(problem.path()).isEqualTo("features[1].windw");
            assertThat(problem.message()).startsWith("unknown key 'windw'; did you mean 'window'? allowed keys are: name,");
        });
    }

    @Test
    void unknownKeyWithoutCloseMatchListsTheAllowedKeys() {
        // Given
        String yaml = minimalWith("name: minimal\n", "name: minimal\nowner: team-a\n");

        // When
        List<SpecProblem> problems = problemsOf("typo.yaml", yaml);

        // Then
        assertThat(problems).extracting(SpecProblem::path, SpecProblem::message).containsExactly(tuple("owner",
                "unknown key 'owner'; allowed keys are: name, description, schema, additionalFields, eventId, eventTime,"
                        + " entities, label, features, model, monitoring, validation, sources, business"));
    }

    @Test
    void unknownKeywordValueSuggestsTheClosestOne() {
        // Given a misspelt aggregate on line 15
        String yaml = minimalWith("aggregate: label_rate", "aggregate: lable_rate");

        // When
        List<SpecProblem> problems = problemsOf("keyword.yaml", yaml);

        // Then
        assertThat(problems).extracting(SpecProblem::line, SpecProblem::path).containsExactly(tuple(15, "features[2].aggregate"));
        assertThat(problems.get(0).message()).startsWith("unknown value 'lable_rate'; did you mean 'label_rate'? expected one of: count,");
    }

    @Test
    void badDurationsExplainTheNotation() {
        // Given a prose duration, a zero window and a negative delay (lines 14 and 15)
        String yaml = minimalWith(AVG_FEATURE, AVG_FEATURE.replace("window: 7d", "window: 7 days"))
                .replace("window: 7d, delay: 7d", "window: 0d, delay: -1d");

        // When
        List<SpecProblem> problems = problemsOf("durations.yaml", yaml);

        // Then
        assertThat(problems).extracting(SpecProblem::line, SpecProblem::path, SpecProblem::message).containsExactly(
                tuple(14, "features[1].window", "expected a duration like 7d, 12h, 30m, 500ms but got string \"7 days\""),
                tuple(15, "features[2].window", "must be longer than 0"),
                tuple(15, "features[2].delay", "expected a duration like 7d, 12h, 30m, 500ms but got string \"-1d\""));
    }

    @Test
    void unknownFieldReferenceListsTheSchemaFields() {
        // Given a misspelt field on line 14
        String yaml = minimalWith("of: amount", "of: amont");

        // When
        List<SpecProblem> problems = problemsOf("card-fraud.yaml", yaml);

        // Then
        assertThat(problems).singleElement().hasToString("card-fraud.yaml:14:47: features[1].of: unknown field 'amont';"
                + " did you mean 'amount'? schema fields are: id, ts, customer, amount, channel");
    }

    @Test
    void unknownEntityIsRefused() {
        // Given a feature grouped by something that is not an entity (line 14)
        String yaml = minimalWith("by: customer, window: 7d}", "by: merchant, window: 7d}");

        // When
        List<SpecProblem> problems = problemsOf("entity.yaml", yaml);

        // Then
        assertThat(problems).extracting(SpecProblem::line, SpecProblem::path, SpecProblem::message).containsExactly(
                tuple(14, "features[1].by", "unknown entity 'merchant'; entities are: customer"));
    }

    @Test
    void schemaFieldThatIsNotAnEntityIsRefusedWithAHint() {
        // Given
        String yaml = minimalWith("by: customer, window: 7d}", "by: channel, window: 7d}");

        // When
        List<SpecProblem> problems = problemsOf("entity.yaml", yaml);

        // Then
        assertThat(problems).extracting(SpecProblem::message).containsExactly(
                "'channel' is a schema field but not an entity; add it to entities (entities are: customer)");
    }

    @Test
    void duplicateFeatureNameIsRefused() {
        // Given feature 2 (line 15) named like feature 1
        String yaml = minimalWith("name: fraud_rate_7d", "name: avg_amount_7d");

        // When
        List<SpecProblem> problems = problemsOf("dup.yaml", yaml);

        // Then
        assertThat(problems).extracting(SpecProblem::line, SpecProblem::path, SpecProblem::message).containsExactly(
                tuple(15, "features[2].name", "duplicate feature name 'avg_amount_7d'; features[1] has it already"));
    }

    @Test
    void averageOfANonNumericFieldIsRefused() {
        // Given
        String yaml = minimalWith("of: amount", "of: channel");

        // When
        List<SpecProblem> problems = problemsOf("of.yaml", yaml);

        // Then
        assertThat(problems).extracting(SpecProblem::path, SpecProblem::message).containsExactly(tuple(
                "features[1].of", "field 'channel' is a string; avg needs a numeric field (integer or number)"));
    }

    @Test
    void aggregateKindsDecideWhetherOfIsNeeded() {
        // Given an avg without 'of' and a count with one
        String yaml = minimalWith(" of: amount,", "")
                .replace("aggregate: label_rate, by:", "aggregate: count, of: amount, by:");

        // When
        List<SpecProblem> problems = problemsOf("of.yaml", yaml);

        // Then
        assertThat(problems).extracting(SpecProblem::line, SpecProblem::path, SpecProblem::message).containsExactly(
                tuple(14, "features[1].of", "required key is missing: avg needs the field it aggregates"),
                tuple(15, "features[2].of", "count takes no 'of' field"));
    }

    @Test
    void metricMustFitTheTask() {
        // Given a regression metric for a classifier
        String yaml = minimalWith("  task: binary_classification\n", "  task: binary_classification\n  metric: rmse\n");

        // When
        List<SpecProblem> problems = problemsOf("metric.yaml", yaml);

        // Then
        assertThat(problems).extracting(SpecProblem::line, SpecProblem::path, SpecProblem::message).containsExactly(
                tuple(19, "model.metric", "metric rmse does not fit task binary_classification; use one of:"
                        + " average_precision, roc_auc, log_loss, f1, card_precision_at_k"));
    }

    @Test
    void taskMustFitTheLabelAndLabelAggregatesNeedABinaryLabel() {
        // Given a numeric label for a classifier with a label_rate feature
        String yaml = minimalWith("type: binary}", "type: numeric}");

        // When
        List<SpecProblem> problems = problemsOf("label.yaml", yaml);

        // Then
        assertThat(problems).extracting(SpecProblem::path, SpecProblem::message).containsExactly(
                tuple("features[2].aggregate", "label_rate needs a binary label, but label.type is numeric"),
                tuple("model.task", "binary_classification needs a binary label, but label.type is numeric"));
    }

    @Test
    void thresholdsOutOfRangeAreRefused() {
        // Given a decision threshold, a holdout and an accuracy floor outside their ranges
        String yaml = minimalWith("  task: binary_classification\n",
                "  task: binary_classification\n  threshold: 1.5\n  training: {holdout: 1}\n")
                + "monitoring:\n  accuracy: {minimum: 1.2, maxDropFromBaseline: 0}\n  data: {test: ks, threshold: 2}\n";

        // When
        List<SpecProblem> problems = problemsOf("thresholds.yaml", yaml);

        // Then
        assertThat(problems).extracting(SpecProblem::line, SpecProblem::path, SpecProblem::message).containsExactly(
                tuple(19, "model.threshold", "must be between 0 and 1 (exclusive) but was 1.5"),
                tuple(20, "model.training.holdout", "must be between 0 and 1 (exclusive) but was 1"),
                tuple(24, "monitoring.accuracy.minimum", "must be between 0 and 1 but was 1.2"),
                tuple(24, "monitoring.accuracy.maxDropFromBaseline", "must be between 0 and 1 (0 excluded) but was 0"),
                tuple(25, "monitoring.data.threshold", "must be between 0 and 1 (0 excluded) but was 2"));
    }

    @Test
    void minPositivesMustBeAnIntegerOfAtLeastOne() {
        // Given a word for the training's minPositives (line 19) and 0 for the monitor's (line 24)
        String yaml = minimalWith("  task: binary_classification\n",
                "  task: binary_classification\n  training: {minPositives: twenty}\n")
                + "monitoring:\n  minOutcomes: 500\n  minPositives: 0\n";

        // When
        List<SpecProblem> problems = problemsOf("positives.yaml", yaml);

        // Then
        assertThat(problems).extracting(SpecProblem::line, SpecProblem::path, SpecProblem::message).containsExactly(
                tuple(19, "model.training.minPositives", "expected an integer but got string \"twenty\""),
                tuple(24, "monitoring.minPositives", "must be >= 1 but was 0"));
    }

    @Test
    void minPositivesMayNotBeAFraction() {
        // Given
        String yaml = minimalWith("  task: binary_classification\n",
                "  task: binary_classification\n  training: {minPositives: 2.5}\n");

        // When
        List<SpecProblem> problems = problemsOf("positives.yaml", yaml);

        // Then
        assertThat(problems).extracting(SpecProblem::path, SpecProblem::message).containsExactly(
                tuple("model.training.minPositives", "expected an integer but got number 2.5"));
    }

    @Test
    void theChallengerSettingIsABooleanOffByDefault() {
        // Given the minimal spec as it is, one that asks for a challenger, and one with a word for it
        String on = minimalWith("  task: binary_classification\n",
                "  task: binary_classification\n  training: {challenger: true}\n");
        String word = minimalWith("  task: binary_classification\n",
                "  task: binary_classification\n  training: {challenger: \"yes please\"}\n");

        // Then the default is off, true is read, and the word is refused naming the key
        assertThat(PipelineSpecs.parse("minimal.yaml", TestSpecs.resource("minimal.yaml")).model().training()
                .challenger()).isFalse();
        assertThat(PipelineSpecs.parse("challenger.yaml", on).model().training().challenger()).isTrue();
        assertThat(problemsOf("challenger.yaml", word)).extracting(SpecProblem::path, SpecProblem::message)
                .containsExactly(tuple("model.training.challenger", "expected true or false but got string \"yes please\""));
    }

    @Test
    void minPositivesIsRefusedForRegression() {
        // Given a regression pipeline that sets both minPositives (lines 19 and 23)
        String yaml = minimalWith("type: binary}", "type: numeric}")
                .replace("task: binary_classification", "task: regression\n  training: {minPositives: 5}")
                .replace("aggregate: label_rate, by: customer, window: 7d, delay: 7d", "aggregate: count, by: customer, window: 7d")
                .replace("type: logistic_regression", "type: random_forest")
                + "monitoring:\n  minPositives: 5\n";

        // When
        List<SpecProblem> problems = problemsOf("regression.yaml", yaml);

        // Then a regression label has no positives: the keys would promise a guard that does not exist
        assertThat(problems).extracting(SpecProblem::line, SpecProblem::path, SpecProblem::message).containsExactly(
                tuple(19, "model.training.minPositives", "minPositives applies only to binary_classification"),
                tuple(23, "monitoring.minPositives", "minPositives applies only to binary_classification"));
    }

    @Test
    void accuracyBoundMustMatchTheMetricsDirection() {
        // Given a floor on a metric where lower is better
        String yaml = minimalWith("  task: binary_classification\n", "  task: binary_classification\n  metric: log_loss\n")
                + "monitoring:\n  accuracy: {minimum: 0.3}\n";

        // When
        List<SpecProblem> problems = problemsOf("direction.yaml", yaml);

        // Then
        assertThat(problems).extracting(SpecProblem::path, SpecProblem::message).containsExactly(tuple(
                "monitoring.accuracy.minimum", "for log_loss lower is better; set maximum instead"));
    }

    @Test
    void eventTimeMustBeATimestampField() {
        // Given
        String yaml = minimalWith("eventTime: ts", "eventTime: amount");

        // When
        List<SpecProblem> problems = problemsOf("time.yaml", yaml);

        // Then
        assertThat(problems).extracting(SpecProblem::line, SpecProblem::path, SpecProblem::message).containsExactly(
                tuple(9, "eventTime", "the event time must be a timestamp field, but 'amount' is a number"));
    }

    @Test
    void eventIdMustBeARequiredStringOrIntegerField() {
        // Given an optional string field as the id
        String yaml = minimalWith("eventId: id", "eventId: channel");

        // When
        List<SpecProblem> problems = problemsOf("id.yaml", yaml);

        // Then
        assertThat(problems).extracting(SpecProblem::line, SpecProblem::message).containsExactly(
                tuple(8, "the event id field 'channel' must be declared required: true"));
    }

    @Test
    void ratioMayOnlyUseFeaturesDefinedAboveIt() {
        // Given a ratio on line 13 that uses a feature of line 14
        String yaml = minimalWith("{name: amount, value: amount}", "{name: early, ratio: [amount, avg_amount_7d]}")
                .replace("ratio: [amount, avg_amount_7d]}\nmodel", "ratio: [early, avg_amount_7d]}\nmodel");

        // When
        List<SpecProblem> problems = problemsOf("ratio.yaml", yaml);

        // Then the numeric field 'amount' is fine; the later feature is not
        assertThat(problems).extracting(SpecProblem::line, SpecProblem::path, SpecProblem::message).containsExactly(
                tuple(13, "features[0].ratio[1]", "feature 'avg_amount_7d' is defined later (features[1]);"
                        + " a ratio can only use features defined above it"));
    }

    @Test
    void featureNeedsExactlyOneKindAndOnlyItsKeys() {
        // Given a feature with two kinds and one with a key of another kind
        String yaml = minimalWith("{name: amount, value: amount}", "{name: amount, value: amount, flag: night}")
                .replace("ratio: [amount, avg_amount_7d]}", "ratio: [amount, avg_amount_7d], window: 7d}");

        // When
        List<SpecProblem> problems = problemsOf("kinds.yaml", yaml);

        // Then
        assertThat(problems).extracting(SpecProblem::path, SpecProblem::message).containsExactly(
                tuple("features[0].flag", "a feature has exactly one of value, flag, aggregate, ratio,"
                        + " but this one has both 'value' and 'flag'"),
                tuple("features[3].window", "'window' does not apply to a ratio feature; its keys are: name, ratio"));
    }

    @Test
    void inlineLabelMayNotBeAModelInput() {
        // Given events that carry their label, and a feature reading it
        String yaml = minimalWith("label: {name: fraud, type: binary}", "label: {name: fraud, type: binary, arrives: inline}")
                .replace("  channel: {type: string, enum: [web, pos]}\n",
                        "  channel: {type: string, enum: [web, pos]}\n  fraud: {type: integer}\n")
                .replace("{name: amount, value: amount}", "{name: amount, value: fraud}");

        // When
        List<SpecProblem> problems = problemsOf("leak.yaml", yaml);

        // Then
        assertThat(problems).extracting(SpecProblem::path, SpecProblem::message).containsExactly(
                tuple("features[0].value", "'fraud' is the label; as a model input it would leak the answer"));
    }

    @Test
    void classifierOnlyModelCannotServeRegression() {
        // Given
        String yaml = minimalWith("type: binary}", "type: numeric}")
                .replace("task: binary_classification", "task: regression")
                .replace("aggregate: label_rate, by: customer, window: 7d, delay: 7d", "aggregate: count, by: customer, window: 7d");

        // When
        List<SpecProblem> problems = problemsOf("regression.yaml", yaml);

        // Then
        assertThat(problems).extracting(SpecProblem::path, SpecProblem::message).containsExactly(
                tuple("model.candidates[0].type", "logistic_regression cannot serve task regression"));
    }

    @Test
    void severalErrorsAreReportedTogetherInFileOrder() {
        // Given a file with nine independent mistakes
        String yaml = TestSpecs.resource("many-errors.yaml");

        // When
        SpecException refused = catchThrowableOfType(SpecException.class,
                () -> PipelineSpecs.parse("many-errors.yaml", yaml));

        // Then every one is reported, each at its own line, and the message lists one per line
        assertThat(refused.problems()).extracting(SpecProblem::line, SpecProblem::path).containsExactly(
                tuple(1, "name"),
                tuple(6, "schema.amount.min"),
                tuple(10, "label.arrives"),
                tuple(12, "features[0].window"),
                tuple(13, "features[1].by"),
                tuple(14, "features[2].name"),
                tuple(17, "model.metric"),
                tuple(18, "model.threshold"),
                tuple(20, "model.candidates[0].parms"));
        assertThat(refused.getMessage().lines()).hasSize(10)
                .first().isEqualTo("invalid pipeline spec (9 problems):");
        assertThat(refused.getMessage().lines().skip(1))
                .allSatisfy(line -> assertThat(line).matches("many-errors\\.yaml:\\d+:\\d+: .+"));
    }
}
