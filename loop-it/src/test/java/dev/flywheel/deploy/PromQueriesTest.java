package dev.flywheel.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How ObservabilityIT finds the selectors an alert's condition is computed from. */
class PromQueriesTest {

    @Test
    void theSelectorsOfAnAlertAreItsMetricsWithTheirMatchersAndNoQuotedValue() {
        // Given an alert expression with a filter, an offset, a recording rule and a label value that looks like a name
        String expr = """
                sum by (pipeline) (increase(flywheel_training_runs_total{status="failed"}[30m])) > 0
                or sum by (pipeline) (flywheel_training_runs_total{status="failed"} unless flywheel_training_runs_total{status="failed"} offset 30m)
                or flywheel:quality_minimum > on (pipeline) group_left up{job="flywheel_up"}""";

        // When its selectors are read
        var selectors = PromQueries.selectors(expr);

        // Then each selector comes once, with its matchers, and the quoted "flywheel_up" is none
        assertThat(selectors).containsExactly("flywheel_training_runs_total{status=\"failed\"}",
                "flywheel:quality_minimum", "up{job=\"flywheel_up\"}");
    }

    @Test
    void everyCommittedAlertHasSelectors() {
        PromQueries.rules().stream().filter(PromQueries.Query::alert)
                .forEach(rule -> assertThat(PromQueries.selectors(rule.expr())).as(rule.origin()).isNotEmpty());
    }
}
