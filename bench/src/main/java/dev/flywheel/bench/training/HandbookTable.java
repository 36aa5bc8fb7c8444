package dev.flywheel.bench.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.simulator.CardTransaction;
import dev.flywheel.simulator.Simulation;
import dev.flywheel.simulator.SimulationConfig;
import dev.flywheel.simulator.TransactionStream;

/**
 * Writes the {@link FeatureTable} of the simulator's Handbook dataset: the payments of the first {@code days}
 * days of {@code SimulationConfig.standard()} (5,000 cards, 10,000 terminals, seed 0, from 2018-04-01), a prefix
 * of the full 183-day run, each with the pipeline's features ({@link SpecFeatures}). Produces one
 * {@code table ...} result line.
 */
final class HandbookTable {

    private HandbookTable() {
    }

    static String write(PipelineSpec spec, Path dir, int customers, int terminals, int days) throws IOException {
        SimulationConfig config = SimulationConfig.standard().withPopulation(customers, terminals);
        SpecFeatures features = new SpecFeatures(spec);
        ObjectNode provenance = Json.mapper().createObjectNode();
        provenance.put("pipeline", spec.name());
        provenance.put("simulation", config.toString());
        provenance.put("days", days);
        long started = System.nanoTime();
        long frauds = 0;
        long rows = 0;
        try (FeatureTable.Writer writer = new FeatureTable.Writer(dir, spec.featureNames(), provenance)) {
            TransactionStream payments = new Simulation(config).transactions(days);
            while (payments.hasNext()) {
                CardTransaction payment = payments.next();
                writer.add(features.next(payment), payment.isFraud(), payment.txTimeDays(), payment.customerId());
                frauds += payment.isFraud() ? 1 : 0;
                rows++;
            }
        }
        return String.format(Locale.ROOT, "table rows=%d frauds=%d fraud_rate=%.5f features=%d seconds=%.1f dir=%s",
                rows, frauds, frauds / (double) rows, features.width(), (System.nanoTime() - started) / 1e9, dir);
    }
}
