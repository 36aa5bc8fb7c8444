package dev.flywheel.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.spec.FieldType;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.contracts.spec.PipelineSpecs;

/** The streaming readers and CSV coercion on their own, without Quarkus or a broker. */
class RecordReadersTest {

    private static final PipelineSpec CARD_FRAUD = PipelineSpecs.loadDirectory(Path.of("../pipelines")).get("card-fraud");

    @Test
    void csvCellsTakeTheTypeTheirColumnIsDeclaredWith() throws Exception {
        // Given a header with declared and undeclared columns, When a row is read
        List<SourceRecord> records = readAll(BodyFormat.CSV, RecordKind.EVENTS,
                "transaction_id,tx_datetime,customer_id,terminal_id,tx_amount,extra\n"
                        + "7,1522541276000,758,3156,12.50,  x \n");

        // Then numbers are numbers, ids stay strings, epoch digits become a number, extra columns stay text
        JsonNode row = Json.mapper().readTree(records.get(0).json());
        assertThat(row.get("transaction_id").isTextual()).isTrue();
        assertThat(row.get("tx_amount").decimalValue()).isEqualByComparingTo("12.5");
        assertThat(row.get("tx_datetime").longValue()).isEqualTo(1522541276000L);
        assertThat(row.get("extra").textValue()).isEqualTo("  x ");
    }

    @Test
    void cellsThatDoNotReadAsTheirTypeStayStringsSoValidationCanNameThem() {
        assertThat(RowCoercion.as(FieldType.INTEGER, "42").isIntegralNumber()).isTrue();
        assertThat(RowCoercion.as(FieldType.INTEGER, "3.0").isIntegralNumber()).isTrue();
        assertThat(RowCoercion.as(FieldType.INTEGER, "3.5").isTextual()).isTrue();
        assertThat(RowCoercion.as(FieldType.NUMBER, "-1.25e3").isNumber()).isTrue();
        assertThat(RowCoercion.as(FieldType.NUMBER, "5.").isTextual()).isTrue();
        assertThat(RowCoercion.as(FieldType.NUMBER, "1,5").isTextual()).isTrue();
        assertThat(RowCoercion.as(FieldType.BOOLEAN, "TRUE").booleanValue()).isTrue();
        assertThat(RowCoercion.as(FieldType.BOOLEAN, "yes").isTextual()).isTrue();
        assertThat(RowCoercion.as(FieldType.TIMESTAMP, "2018-04-01T00:00:00Z").isTextual()).isTrue();
        assertThat(RowCoercion.as(FieldType.STRING, " 007 ").textValue()).isEqualTo(" 007 ");
    }

    @Test
    void anEmptyCellLeavesTheFieldOutAndLabelsReadTheirOwnColumns() throws Exception {
        List<SourceRecord> records = readAll(BodyFormat.TSV, RecordKind.LABELS,
                "transaction_id\ttx_fraud\tlabel_time\n9\t1\t\n10\tfalse\t1522541276000\n");

        JsonNode first = Json.mapper().readTree(records.get(0).json());
        JsonNode second = Json.mapper().readTree(records.get(1).json());
        assertThat(first.has("label_time")).isFalse();
        assertThat(first.get("tx_fraud").intValue()).isEqualTo(1);
        assertThat(second.get("tx_fraud").isBoolean()).isTrue();
        assertThat(second.get("label_time").longValue()).isEqualTo(1522541276000L);
    }

    @Test
    void ndjsonIndexesAreLineNumbersAndAnOverlongLineIsRefusedWithoutStoppingTheNext() throws Exception {
        String body = "{\"a\":1}\n\n{\"b\":\"" + "x".repeat(100) + "\"}\r\n{\"c\":3}";
        try (RecordReader reader = ndjsonReader(body, 50)) {
            SourceRecord first = reader.next();
            SourceRecord tooLong = reader.next();
            SourceRecord last = reader.next();

            assertThat(first.index()).isZero();
            assertThat(tooLong.index()).isEqualTo(2);
            assertThat(tooLong.problem().reason()).isEqualTo("line 3 is 108 bytes, more than the 50 a record may have");
            assertThat(last.index()).isEqualTo(3);
            assertThat(last.json()).isEqualTo("{\"c\":3}");
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void arrayElementsAndNdjsonLinesComeWithTheExactBytesTheyTookInTheBody() throws Exception {
        // Given objects as a producer spaced them, with multi-byte characters and nesting, enough of them that the
        // parser's read-ahead buffer refills many times between an element's start and its end
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            sent.add("{ \"id\": " + i + ", \"name\" : \"caf\u00e9 \u2603 " + "x".repeat(i % 97) + "\", \"nested\": {\"a\": [1, 2.50]} }");
        }

        // When the body is read as a JSON array and as NDJSON
        List<SourceRecord> fromArray = readAll(BodyFormat.JSON, RecordKind.EVENTS, "[\n  " + String.join(" ,\n  ", sent) + "\n]");
        List<SourceRecord> fromLines = readAll(BodyFormat.NDJSON, RecordKind.EVENTS, String.join("\r\n", sent));

        // Then every record carries its own bytes, unchanged, and they parse to the record's tree
        assertThat(fromArray).extracting(r -> new String(r.utf8(), StandardCharsets.UTF_8)).containsExactlyElementsOf(sent);
        assertThat(fromLines).extracting(r -> new String(r.utf8(), StandardCharsets.UTF_8)).containsExactlyElementsOf(sent);
        assertThat(fromArray.get(1_999).parsed()).isEqualTo(Json.mapper().readTree(sent.get(1_999)));
        assertThat(fromArray.get(5).bytes()).isEqualTo(sent.get(5).getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void anArrayElementThatIsNotAnObjectComesWithoutBytesForAdmissionToRefuse() throws Exception {
        List<SourceRecord> records = readAll(BodyFormat.JSON, RecordKind.EVENTS, "[{\"a\":1}, 7, \"x\"]");

        assertThat(records).extracting(r -> r.utf8() != null).containsExactly(true, false, false);
        assertThat(records.get(1).parsed().asInt()).isEqualTo(7);
    }

    @Test
    void jsonWithTwoTopLevelValuesIsUnreadableAfterTheFirst() throws Exception {
        try (RecordReader reader = BodyFormat.JSON.open(stream("{\"a\":1} {\"b\":2}"), CARD_FRAUD, RecordKind.EVENTS, 1000)) {
            assertThatThrownBy(reader::next).isInstanceOf(UnreadableInput.class)
                    .hasMessageContaining("more than one top-level value");
        }
    }

    @Test
    void aBodyPastItsLimitIsUnreadableBecauseTooLarge() throws Exception {
        InputStream limited = new CountingInputStream(stream("[" + "{\"a\":1},".repeat(10_000) + "{}]"), 1000);

        assertThatThrownBy(() -> {
            try (RecordReader reader = BodyFormat.JSON.open(limited, CARD_FRAUD, RecordKind.EVENTS, 1000)) {
                while (reader.next() != null) {
                    // reads until the limit trips
                }
            }
        }).isInstanceOfSatisfying(UnreadableInput.class, e -> assertThat(e.isTooLarge()).isTrue());
    }

    @Test
    void formatsAreRecognisedByMediaTypeNameAndFileExtension() {
        assertThat(BodyFormat.ofMediaType("text/csv; charset=utf-8")).contains(BodyFormat.CSV);
        assertThat(BodyFormat.ofMediaType("application/x-ndjson")).contains(BodyFormat.NDJSON);
        assertThat(BodyFormat.ofMediaType("text/plain")).isEmpty();
        assertThat(BodyFormat.ofFileName("day-1.TSV")).contains(BodyFormat.TSV);
        assertThat(BodyFormat.ofFileName("events.jsonl")).contains(BodyFormat.NDJSON);
        assertThat(BodyFormat.named("xml")).isEmpty();
    }

    private static RecordReader ndjsonReader(String body, int maxLine) {
        return new NdjsonRecordReader(stream(body), maxLine);
    }

    private static List<SourceRecord> readAll(BodyFormat format, RecordKind kind, String body) throws Exception {
        List<SourceRecord> records = new ArrayList<>();
        try (RecordReader reader = format.open(stream(body), CARD_FRAUD, kind, 1 << 20)) {
            for (SourceRecord r = reader.next(); r != null; r = reader.next()) {
                records.add(r);
            }
        }
        return records;
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
