package dev.flywheel.bench.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.contracts.spec.PipelineSpecs;
import dev.flywheel.simulator.CardTransaction;
import dev.flywheel.simulator.LabelDelay;
import dev.flywheel.simulator.Simulation;
import dev.flywheel.simulator.SimulationConfig;
import dev.flywheel.simulator.TransactionStream;

/**
 * The bench's offline features against the values pandas computed independently with the handbook's own
 * definitions: the reference feature-service's {@code HandbookReferenceTest} checks its topology against (same
 * simulated dataset: 200 cards, 400 terminals, 40 days, seed 1).
 */
class SpecFeaturesTest {

    static final Path REFERENCE =
            Path.of("..", "feature-service", "src", "test", "resources", "reference", "card-fraud-handbook-features.csv");

    @Test
    void theBenchComputesTheHandbookBaselineFeaturesAsPandasDoes() throws IOException {
        // Given the card-fraud pipeline and the simulated payments the pandas reference was computed from
        PipelineSpec cardFraud = PipelineSpecs.load(Path.of("..", "pipelines", "card-fraud.yaml"));
        SpecFeatures features = new SpecFeatures(cardFraud);
        TransactionStream payments = new Simulation(SimulationConfig.standard().withPopulation(200, 400).withDays(40)
                .withSeed(1).withLabelDelay(LabelDelay.standard())).transactions();

        // When every payment's vector is computed in time order
        Map<String, double[]> vectors = new HashMap<>();
        while (payments.hasNext()) {
            CardTransaction payment = payments.next();
            vectors.put(payment.transactionId(), features.next(payment));
        }

        // Then every sampled reference row matches, feature by feature, in the spec's column order
        List<String> lines = Files.readAllLines(REFERENCE);
        String[] header = lines.get(0).split(",");
        assertThat(List.of(header).subList(1, header.length)).isEqualTo(cardFraud.featureNames());
        List<String> mismatches = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.split(",");
            double[] vector = vectors.get(values[0]);
            for (int j = 1; j < values.length; j++) {
                if (Math.abs(Double.parseDouble(values[j]) - vector[j - 1]) > 1e-6) {
                    mismatches.add(values[0] + " " + header[j] + ": pandas " + values[j] + ", bench " + vector[j - 1]);
                }
            }
        }
        assertThat(lines).hasSizeGreaterThan(3000);
        assertThat(mismatches).isEmpty();
    }
}
