package dev.flywheel.inference.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.flywheel.contracts.spec.FieldViolation;

class FeatureVectorTest {

    private static final List<String> NAMES = List.of("tx_amount", "tx_during_night", "customer_nb_tx_1d");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Test
    void numbersBecomeARowInTheModelsOrder() {
        Map<String, JsonNode> features = Map.of("customer_nb_tx_1d", JSON.numberNode(3), "tx_amount",
                JSON.numberNode(12.5), "tx_during_night", JSON.numberNode(1));

        FeatureVector.Reading reading = FeatureVector.fromJson(features, NAMES, "features");

        assertThat(reading.valid()).isTrue();
        assertThat(reading.vector().values()).containsExactly(12.5, 1, 3);
        assertThat(reading.vector().named().keySet()).containsExactlyElementsOf(NAMES);
    }

    @Test
    void everyMissingUnknownOrNonNumericFeatureIsNamed() {
        Map<String, JsonNode> features = new LinkedHashMap<>();
        features.put("tx_amount", JSON.textNode("12.5"));
        features.put("tx_during_night", JSON.nullNode());
        features.put("tx_amout", JSON.numberNode(1));

        FeatureVector.Reading reading = FeatureVector.fromJson(features, NAMES, "[2].features");

        assertThat(reading.valid()).isFalse();
        assertThat(reading.violations()).extracting(FieldViolation::field).containsExactly(
                "[2].features.tx_amount", "[2].features.tx_during_night", "[2].features.customer_nb_tx_1d",
                "[2].features.tx_amout");
        assertThat(reading.violations().get(0).reason()).contains("must be a number but was string");
        assertThat(reading.violations().get(2).reason()).contains("missing");
        assertThat(reading.violations().get(3).reason()).contains("unknown feature");
    }

    @Test
    void aComputedVectorMayCarryMoreFeaturesThanTheModelUsesButNotFewer() {
        Map<String, Double> computed = Map.of("tx_amount", 5.0, "tx_during_night", 0.0, "customer_nb_tx_1d", 2.0,
                "terminal_risk_1d", 0.1);

        assertThat(FeatureVector.fromNumbers(computed, NAMES).vector().values()).containsExactly(5, 0, 2);
        assertThat(FeatureVector.fromNumbers(Map.of("tx_amount", 5.0), NAMES).violations())
                .extracting(FieldViolation::field).containsExactly("tx_during_night", "customer_nb_tx_1d");
    }
}
