package dev.flywheel.contracts.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.flywheel.contracts.json.Json;

/** The machine-readable shape of a violation on the wire, and how it stays bounded and backward compatible. */
class FieldViolationTest {

    @Test
    void itTravelsAsFieldRuleReasonAndValue() throws Exception {
        // Given
        FieldViolation violation = new FieldViolation("tx_amount", FieldViolation.MIN, "must be >= 0 but was -1",
                Json.mapper().readTree("-1"));

        // When
        JsonNode written = Json.mapper().valueToTree(violation);

        // Then
        assertThat(written).isEqualTo(Json.mapper().readTree(
                "{\"field\": \"tx_amount\", \"rule\": \"min\", \"reason\": \"must be >= 0 but was -1\", \"value\": -1}"));
        assertThat(Json.mapper().treeToValue(written, FieldViolation.class)).isEqualTo(violation);
    }

    @Test
    void aMissingValueIsJsonNullAndSurvivesTheRoundTrip() throws Exception {
        FieldViolation missing = new FieldViolation("amount", FieldViolation.REQUIRED, "required field is missing", null);

        String text = Json.mapper().writeValueAsString(missing);

        assertThat(missing.value()).isEqualTo(NullNode.getInstance());
        assertThat(text).contains("\"value\":null");
        assertThat(Json.mapper().readValue(text, FieldViolation.class)).isEqualTo(missing);
    }

    @Test
    void aViolationWrittenBeforeRulesExistedReadsAsInvalid() throws Exception {
        FieldViolation old = Json.mapper().readValue("{\"field\": \"x\", \"reason\": \"bad\"}", FieldViolation.class);

        assertThat(old).isEqualTo(new FieldViolation("x", "bad"));
        assertThat(old.rule()).isEqualTo(FieldViolation.INVALID);
    }

    @Test
    void hugeValuesAreCutTo200Characters() {
        // Given a 10 000-character string and an array whose JSON text is long
        String huge = "x".repeat(10_000);
        JsonNode longArray = Json.mapper().valueToTree(java.util.Collections.nCopies(500, 1));

        // When
        FieldViolation text = new FieldViolation("note", FieldViolation.MAX_LENGTH, "too long", TextNode.valueOf(huge));
        FieldViolation array = new FieldViolation("$", FieldViolation.OBJECT, "not an object", longArray);

        // Then
        assertThat(text.value().textValue()).hasSize(203).startsWith("x".repeat(200)).endsWith("...");
        assertThat(array.value().isTextual()).isTrue();
        assertThat(array.value().textValue()).startsWith("[1,1,").hasSize(203);
    }
}
