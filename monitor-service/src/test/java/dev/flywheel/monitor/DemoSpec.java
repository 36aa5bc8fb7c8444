package dev.flywheel.monitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.contracts.spec.PipelineSpecs;

/** The demo pipeline spec the service runs, as the tests without Quarkus load it. */
public final class DemoSpec {

    private static final Path DEMO = Path.of("..", "pipelines", "card-fraud.yaml");

    private DemoSpec() {
    }

    public static PipelineSpec cardFraud() {
        return PipelineSpecs.load(DEMO);
    }

    /**
     * The demo spec with a monitoring policy of the test's own, so that tests calibrated on its figures
     * do not move when the demo's policy is tuned to its data: minOutcomes 500, minPositives 20, average
     * precision at least 0.35 and at least 80 % of the baseline, cooldown 10m.
     */
    public static PipelineSpec cardFraudWithFixedPolicy() {
        try {
            String demo = Files.readString(DEMO);
            String monitoring = """
                    monitoring:
                      minOutcomes: 500
                      minPositives: 20
                      accuracy: {metric: average_precision, minimum: 0.35, maxDropFromBaseline: 0.2}
                      data: {test: psi, threshold: 0.25}
                      retraining: {onDrift: true, cooldown: 10m}
                    """;
            return PipelineSpecs.parse("card-fraud.yaml", demo.substring(0, demo.indexOf("\nmonitoring:") + 1) + monitoring);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
