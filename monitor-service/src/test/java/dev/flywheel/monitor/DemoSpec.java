package dev.flywheel.monitor;

import java.nio.file.Path;

import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.contracts.spec.PipelineSpecs;

/** The demo pipeline spec the service runs, as the tests without Quarkus load it. */
public final class DemoSpec {

    private DemoSpec() {
    }

    public static PipelineSpec cardFraud() {
        return PipelineSpecs.load(Path.of("..", "pipelines", "card-fraud.yaml"));
    }
}
