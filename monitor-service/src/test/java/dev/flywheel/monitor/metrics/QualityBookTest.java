package dev.flywheel.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.event.OutcomeObserved;
import dev.flywheel.contracts.metric.BinaryMetrics;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.monitor.DemoSpec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class QualityBookTest {

    private static final PipelineSpec SPEC = DemoSpec.cardFraud();
    private static final Instant T0 = Instant.parse("2018-05-01T00:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final QualityBook book = new QualityBook(Map.of(SPEC.name(), QualityMetrics.of(SPEC)), 100, 2, registry);

    @Test
    void gaugesShowTheContractsMetricsOverEachVersionsWindow() {
        // Given outcomes of version 1
        double[] scores = {0.9, 0.8, 0.3, 0.6, 0.2};
        double[] labels = {1, 0, 1, 0, 0};
        for (int i = 0; i < scores.length; i++) {
            book.record(outcome("1", scores[i], labels[i]));
        }

        // Then the gauges equal the contracts metrics on the same data, and the counters count
        assertThat(gauge("1", "average_precision")).isEqualTo(BinaryMetrics.averagePrecision(scores, labels));
        assertThat(gauge("1", "roc_auc")).isEqualTo(BinaryMetrics.rocAuc(scores, labels));
        assertThat(registry.get("flywheel.monitor.outcomes").tag("model_version", "1").counter().count()).isEqualTo(5);
        assertThat(registry.get("flywheel.monitor.positives").tag("model_version", "1").counter().count()).isEqualTo(2);

        // and a new outcome is reflected on the next read
        book.record(outcome("1", 0.95, 0));
        assertThat(gauge("1", "roc_auc")).isLessThan(BinaryMetrics.rocAuc(scores, labels));
    }

    @Test
    void onlyTheMostRecentlyFedVersionsAreKept() {
        book.record(outcome("1", 0.5, 0));
        book.record(outcome("2", 0.5, 0));
        book.record(outcome("1", 0.5, 0));
        book.record(outcome("3", 0.5, 0));

        assertThat(book.windows(SPEC.name())).containsOnlyKeys("1", "3");
        assertThat(registry.find("flywheel.monitor.quality").tag("model_version", "2").gauges()).isEmpty();
    }

    @Test
    void outcomesOfAnUnknownPipelineAreIgnored() {
        assertThat(book.record(new OutcomeObserved("o", 1, "other", "p", "e", "1", 0.5, true, 1, T0, T0, T0))).isEmpty();
        assertThat(book.windows("other")).isEmpty();
    }

    private double gauge(String version, String metric) {
        return registry.get("flywheel.monitor.quality").tag("model_version", version).tag("metric", metric).gauge().value();
    }

    private static OutcomeObserved outcome(String version, double score, double label) {
        return new OutcomeObserved("o", 1, SPEC.name(), "p", "e", version, score, score >= 0.5, label, T0, T0, T0);
    }
}
