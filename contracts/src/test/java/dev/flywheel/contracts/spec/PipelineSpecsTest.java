package dev.flywheel.contracts.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

class PipelineSpecsTest {

    @Test
    void demoSpecExpressesTheHandbooksFifteenBaselineInputs() {
        // Given the demo pipeline file
        // When it is loaded
        PipelineSpec spec = PipelineSpecs.load(TestSpecs.DEMO);

        // Then it declares tx_amount and the handbook's 14 derived features, in the handbook's order
        assertThat(spec.name()).isEqualTo("card-fraud");
        assertThat(spec.featureNames()).containsExactly(
                "tx_amount", "tx_during_weekend", "tx_during_night",
                "customer_nb_tx_1d", "customer_avg_amount_1d",
                "customer_nb_tx_7d", "customer_avg_amount_7d",
                "customer_nb_tx_30d", "customer_avg_amount_30d",
                "terminal_nb_tx_1d", "terminal_risk_1d",
                "terminal_nb_tx_7d", "terminal_risk_7d",
                "terminal_nb_tx_30d", "terminal_risk_30d");
    }

    @Test
    void demoSpecBindsEverySection() {
        // Given / When
        PipelineSpec spec = PipelineSpecs.load(TestSpecs.DEMO);

        // Then the schema, keys, label, features, model and monitoring hold what the file says
        assertThat(spec.schema().fieldNames())
                .containsExactly("transaction_id", "tx_datetime", "customer_id", "terminal_id", "tx_amount");
        assertThat(spec.schema().field("tx_amount").orElseThrow().min()).hasValueSatisfying(
                min -> assertThat(min).isEqualByComparingTo("0"));
        assertThat(spec.schema().additionalFields()).isEqualTo(AdditionalFields.ALLOW);
        assertThat(spec.eventIdField()).isEqualTo("transaction_id");
        assertThat(spec.eventTimeField()).isEqualTo("tx_datetime");
        assertThat(spec.entities()).containsExactly("customer_id", "terminal_id");
        assertThat(spec.label()).isEqualTo(new LabelSpec("tx_fraud", LabelType.BINARY, Optional.of("1"),
                LabelArrival.SEPARATELY, Duration.ofDays(14)));

        assertThat(spec.feature("tx_during_night")).contains(
                new FlagFeature("tx_during_night", TimeFlag.NIGHT, Optional.of(new HourRange(0, 6))));
        assertThat(spec.feature("customer_avg_amount_7d")).contains(new AggregateFeature("customer_avg_amount_7d",
                AggregateKind.AVG, Optional.of("tx_amount"), "customer_id", Duration.ofDays(7), Duration.ZERO));
        assertThat(spec.feature("terminal_risk_30d")).contains(new AggregateFeature("terminal_risk_30d",
                AggregateKind.LABEL_RATE, Optional.empty(), "terminal_id", Duration.ofDays(30), Duration.ofDays(7)));

        ModelSpec model = spec.model();
        assertThat(model.task()).isEqualTo(ModelTask.BINARY_CLASSIFICATION);
        assertThat(model.metric()).isEqualTo(Metric.AVERAGE_PRECISION);
        assertThat(model.threshold()).isEqualTo(OptionalDouble.of(0.5));
        assertThat(model.candidates()).extracting(ModelCandidate::name, ModelCandidate::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("mlp", ModelType.MLP),
                org.assertj.core.groups.Tuple.tuple("logistic", ModelType.LOGISTIC_REGRESSION));
        assertThat(model.candidates().get(0).params())
                .containsExactly(Map.entry("hidden", List.of(32, 16)), Map.entry("epochs", 8),
                        Map.entry("learningRate", 0.001));
        assertThat(model.training()).isEqualTo(
                new TrainingSpec(0.2, 1000, 20, Optional.of(Duration.ofHours(6)), Duration.ofDays(30)));

        MonitoringSpec monitoring = spec.monitoring();
        assertThat(monitoring.minOutcomes()).isEqualTo(500);
        assertThat(monitoring.minPositives()).isEqualTo(80);
        assertThat(monitoring.accuracy()).isEqualTo(new AccuracyPolicy(Metric.AVERAGE_PRECISION,
                OptionalDouble.of(0.12), OptionalDouble.empty(), 0.7));
        assertThat(monitoring.data()).isEqualTo(new DriftPolicy(DriftTest.PSI, 0.25));
        assertThat(monitoring.retraining()).isEqualTo(new RetrainingPolicy(false, true, Duration.ofMinutes(2)));
        assertThat(monitoring.detector()).isEqualTo(new ConceptDetectorSpec.Adwin(0.002, 32));
    }

    @Test
    void optionalKeysTakeTheirDocumentedDefaults() {
        // Given a spec that leaves every optional key out
        String yaml = TestSpecs.resource("minimal.yaml");

        // When it is parsed
        PipelineSpec spec = PipelineSpecs.parse("minimal.yaml", yaml);

        // Then the defaults of pipelines/README.md apply
        assertThat(spec.description()).isEmpty();
        assertThat(spec.schema().additionalFields()).isEqualTo(AdditionalFields.ALLOW);
        FieldSpec channel = spec.schema().field("channel").orElseThrow();
        assertThat(channel.required()).isFalse();
        assertThat(channel.nullable()).as("optional fields are nullable by default").isTrue();
        assertThat(spec.schema().field("id").orElseThrow().nullable()).as("required fields are not").isFalse();
        assertThat(spec.label()).isEqualTo(new LabelSpec("fraud", LabelType.BINARY, Optional.of("1"),
                LabelArrival.SEPARATELY, Duration.ofDays(7)));
        assertThat(((AggregateFeature) spec.feature("avg_amount_7d").orElseThrow()).delay()).isZero();
        assertThat(spec.feature("amount_vs_avg")).contains(new RatioFeature("amount_vs_avg", "amount", "avg_amount_7d"));
        assertThat(spec.model().metric()).isEqualTo(Metric.AVERAGE_PRECISION);
        assertThat(spec.model().threshold()).isEqualTo(OptionalDouble.of(0.5));
        assertThat(spec.model().topK()).isEqualTo(100);
        assertThat(spec.model().candidates().get(0).params()).isEmpty();
        assertThat(spec.model().training()).isEqualTo(
                new TrainingSpec(0.2, 1000, 20, Optional.empty(), Duration.ofDays(30)));
        assertThat(spec.monitoring()).isEqualTo(new MonitoringSpec(500, 20,
                new AccuracyPolicy(Metric.AVERAGE_PRECISION, OptionalDouble.empty(), OptionalDouble.empty(), 0.2),
                new DriftPolicy(DriftTest.PSI, 0.25), new RetrainingPolicy(true, true, Duration.ofHours(1))));
    }

    @Test
    void minPositivesOfTrainingAndMonitoringAreBoundForABinaryTask() {
        // Given a classifier that asks for 5 positives per training slice and 3 among the judged outcomes
        String yaml = TestSpecs.minimalWith("  task: binary_classification\n",
                "  task: binary_classification\n  training: {minPositives: 5}\n") + "monitoring:\n  minPositives: 3\n";

        // When
        PipelineSpec spec = PipelineSpecs.parse("positives.yaml", yaml);

        // Then both are kept, and the other keys keep their defaults
        assertThat(spec.model().training()).isEqualTo(
                new TrainingSpec(0.2, 1000, 5, Optional.empty(), Duration.ofDays(30)));
        assertThat(spec.monitoring().minPositives()).isEqualTo(3);
        assertThat(spec.monitoring().minOutcomes()).isEqualTo(MonitoringSpec.DEFAULT_MIN_OUTCOMES);
    }

    @Test
    void regressionSpecHasNoThresholdAndDefaultsToRmse() {
        // Given a regression pipeline without metric and threshold
        String yaml = TestSpecs.resource("constraints.yaml");

        // When
        PipelineSpec spec = PipelineSpecs.parse("constraints.yaml", yaml);

        // Then
        assertThat(spec.model().metric()).isEqualTo(Metric.RMSE);
        assertThat(spec.model().threshold()).isEmpty();
        assertThat(spec.label().positive()).isEmpty();
        assertThat(spec.monitoring().accuracy().metric()).isEqualTo(Metric.RMSE);
    }

    @Test
    void loadDirectoryKeysEveryYamlFileByPipelineName() {
        // Given a directory with minimal.yaml, second.yml and a text file
        Path dir = TestSpecs.resourceDirectory("dir-valid");

        // When
        Map<String, PipelineSpec> specs = PipelineSpecs.loadDirectory(dir);

        // Then both YAML files are loaded, the text file is ignored
        assertThat(specs).containsOnlyKeys("minimal", "second");
        assertThat(specs.get("second").featureNames()).containsExactly("amount", "avg_amount_7d", "fraud_rate_7d", "amount_vs_avg");
    }

    @Test
    void loadDirectoryRefusesTwoFilesDeclaringOnePipeline() {
        // Given a.yaml and b.yaml that both declare pipeline 'minimal'
        Path dir = TestSpecs.resourceDirectory("dir-duplicate");

        // When
        SpecException refused = catchThrowableOfType(SpecException.class, () -> PipelineSpecs.loadDirectory(dir));

        // Then the second file is named, at its name's line
        assertThat(refused.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).endsWith("b.yaml");
            assertThat(problem.line()).isEqualTo(1);
            assertThat(problem.path()).isEqualTo("name");
            assertThat(problem.message()).startsWith("pipeline 'minimal' is already declared in ").endsWith("a.yaml");
        });
    }

    @Test
    void aMissingFileIsReportedAsAProblemOfThatFile() {
        // Given
        Path missing = Path.of("no-such-spec.yaml");

        // When
        SpecException refused = catchThrowableOfType(SpecException.class, () -> PipelineSpecs.load(missing));

        // Then
        assertThat(refused.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("no-such-spec.yaml");
            assertThat(problem.message()).startsWith("cannot read file");
        });
    }
}
