package dev.flywheel.inference.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.flywheel.contracts.json.Json;

/** The fast path of single-row bodies: what it reads, and everything it leaves to the general path. */
class FeatureRowReaderTest {

    private static final List<String> NAMES = List.of("tx_amount", "tx_during_night", "customer_nb_tx_1d");

    private final FeatureRowReader reader = new FeatureRowReader(Json.mapper().getFactory());

    @Test
    void readsFeaturesInAnyOrderIntoTheModelsColumnOrder() {
        // Given a body whose features come in another order than the model's, with an id and a time
        String body = """
                {"eventId": "tx-1", "features": {"customer_nb_tx_1d": 3, "tx_amount": 57.25, "tx_during_night": 1},
                 "eventTime": "2018-04-01T00:07:56Z"}""";

        // When it is read
        FeatureRowReader.FastRow row = reader.read(bytes(body), NAMES);

        // Then the values are in the model's order, the id and the time kept as given
        assertThat(row).isNotNull();
        assertThat(row.values()).containsExactly(57.25, 1.0, 3.0);
        assertThat(row.eventId()).isEqualTo("tx-1");
        assertThat(row.eventTime()).isEqualTo(TextNode.valueOf("2018-04-01T00:07:56Z"));
    }

    @Test
    void anEpochMillisecondTimeStaysTheNumberTheGeneralPathWouldSee() {
        // Given times as an int and as a long, and an explicit null id
        FeatureRowReader.FastRow small = reader.read(bytes(features() + ", \"eventTime\": 5}"), NAMES);
        FeatureRowReader.FastRow large = reader.read(bytes(features() + ", \"eventTime\": 1522541276000, "
                + "\"eventId\": null}"), NAMES);

        // Then they are the nodes Jackson's tree would hold
        assertThat(small.eventTime()).isEqualTo(IntNode.valueOf(5));
        assertThat(large.eventTime()).isEqualTo(LongNode.valueOf(1522541276000L));
        assertThat(large.eventId()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"features\": {\"tx_amount\": \"57\", \"tx_during_night\": 1, \"customer_nb_tx_1d\": 3}}",
            "{\"features\": {\"tx_amount\": null, \"tx_during_night\": 1, \"customer_nb_tx_1d\": 3}}",
            "{\"features\": {\"tx_amount\": 1e400, \"tx_during_night\": 1, \"customer_nb_tx_1d\": 3}}",
            "{\"features\": {\"tx_during_night\": 1, \"customer_nb_tx_1d\": 3}}",
            "{\"features\": {\"tx_amout\": 1, \"tx_amount\": 1, \"tx_during_night\": 1, \"customer_nb_tx_1d\": 3}}",
            "{\"features\": {\"tx_amount\": 1, \"tx_amount\": 2, \"tx_during_night\": 1, \"customer_nb_tx_1d\": 3}}",
            "{\"features\": [1, 2, 3]}",
            "{\"event\": {\"transaction_id\": \"tx-1\"}}",
            "{\"features\": {\"tx_amount\": 1, \"tx_during_night\": 1, \"customer_nb_tx_1d\": 3}, \"extra\": 1}",
            "{\"features\": {\"tx_amount\": 1, \"tx_during_night\": 1, \"customer_nb_tx_1d\": 3}, \"eventId\": 7}",
            "{\"features\": {\"tx_amount\": 1, \"tx_during_night\": 1, \"customer_nb_tx_1d\": 3}, \"eventTime\": 1.5}",
            "{\"features\": {\"tx_amount\": 1, \"tx_during_night\": 1, \"customer_nb_tx_1d\": 3}} {}",
            "{\"features\": {\"tx_amount\": 1, \"tx_during_night\": 1, \"customer_nb_tx_1d\": 3}",
            "{\"eventId\": \"tx-1\"}",
            "[]",
            "null",
            ""})
    void leavesEveryOtherShapeToTheGeneralPath(String body) {
        // Given a body that is not a plain, complete features row (or is not JSON at all)
        // When it is read
        FeatureRowReader.FastRow row = reader.read(bytes(body), NAMES);

        // Then the fast path declines it, so the general path names whatever is wrong
        assertThat(row).isNull();
    }

    private static String features() {
        return "{\"features\": {\"tx_amount\": 1, \"tx_during_night\": 0, \"customer_nb_tx_1d\": 2}";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
