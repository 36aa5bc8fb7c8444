package dev.flywheel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.json.Json;

/** How two mappers' writings of one spec compare: equal by value, different where the values are. */
class SpecDifferencesTest {

    @Test
    void durationsAsSecondsOrIsoNumbersByValueAndNullsAsAbsentAreTheSame() throws JsonProcessingException {
        JsonNode file = tree("{\"label\":{\"maxDelay\":\"PT12H\"},\"model\":{\"threshold\":0.5,\"seed\":null},"
                + "\"features\":[{\"window\":\"P1D\"}]}");
        JsonNode service = tree("{\"label\":{\"maxDelay\":43200.000000000},\"model\":{\"threshold\":0.50},"
                + "\"features\":[{\"window\":86400}],\"extra\":null}");

        assertThat(SpecDifferences.between(file, service)).isEmpty();
    }

    @Test
    void aChangedValueAMissingSectionAndAnotherListLengthAreNamed() throws JsonProcessingException {
        JsonNode file = tree("{\"name\":\"p\",\"label\":{\"maxDelay\":\"PT12H\"},\"features\":[1,2],\"model\":{}}");
        JsonNode service = tree("{\"name\":\"p\",\"label\":{\"maxDelay\":3600},\"features\":[1],"
                + "\"monitoring\":{\"minOutcomes\":5}}");

        assertThat(SpecDifferences.between(file, service)).containsExactly("label", "features", "model", "monitoring");
    }

    private static JsonNode tree(String json) throws JsonProcessingException {
        return Json.mapper().readTree(json);
    }
}
