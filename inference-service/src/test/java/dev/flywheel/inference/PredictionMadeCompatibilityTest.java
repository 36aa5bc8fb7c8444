package dev.flywheel.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.event.PredictionMade;
import dev.flywheel.contracts.json.Json;

/** The {@code shadow} flag added to {@link PredictionMade} changes nothing for records and code from before it. */
class PredictionMadeCompatibilityTest {

    @Test
    void aPredictionLoggedBeforeTheFlagExistedReadsAsNotShadow() throws Exception {
        String before = "{\"eventId\":\"p-1\",\"schemaVersion\":1,\"pipeline\":\"card-fraud\",\"sourceEventId\":\"7\","
                + "\"modelVersion\":\"3\",\"score\":0.91,\"decision\":true,\"features\":{\"tx_amount\":57.16},"
                + "\"eventTime\":\"2018-04-01T00:07:56Z\",\"predictedAt\":\"2018-04-01T00:07:57Z\",\"latencyMicros\":120}";

        PredictionMade read = Json.mapper().readValue(before, PredictionMade.class);

        assertThat(read.shadow()).isFalse();
        assertThat(read.score()).isEqualTo(0.91);
        assertThat(read.latencyMicros()).isEqualTo(120);
    }

    @Test
    void aShadowPredictionRoundTripsAndTheOldConstructorMakesServingOnes() throws Exception {
        Instant at = Instant.parse("2018-04-01T00:07:56Z");
        PredictionMade shadow = new PredictionMade("p-2", 1, "card-fraud", "8", "4", 0.2, false,
                Map.of("tx_amount", 1.0), at, at, 50, true);
        PredictionMade serving = new PredictionMade("p-3", 1, "card-fraud", "8", "3", 0.3, false,
                Map.of("tx_amount", 1.0), at, at, 50);

        assertThat(Json.mapper().readValue(Json.mapper().writeValueAsBytes(shadow), PredictionMade.class))
                .isEqualTo(shadow);
        assertThat(Json.mapper().writeValueAsString(shadow)).contains("\"shadow\":true");
        assertThat(serving.shadow()).isFalse();
    }
}
