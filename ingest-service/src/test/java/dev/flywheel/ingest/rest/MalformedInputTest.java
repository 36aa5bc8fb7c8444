package dev.flywheel.ingest.rest;

import static dev.flywheel.ingest.rest.IngestFixtures.CSV_HEADER;
import static dev.flywheel.ingest.rest.IngestFixtures.PIPELINE;
import static dev.flywheel.ingest.rest.IngestFixtures.awaitEvents;
import static dev.flywheel.ingest.rest.IngestFixtures.csvRow;
import static dev.flywheel.ingest.rest.IngestFixtures.transaction;
import static dev.flywheel.ingest.rest.IngestFixtures.uniqueId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.RecordRejected;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every malformed body gets a 4xx that names the problem (never a 500), and every valid record of the
 * same request is on the events topic of the real broker all the same.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class MalformedInputTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String EVENTS = "/v1/pipelines/{p}/events";

    @Test
    void aTruncatedJsonArrayKeepsTheRecordsBeforeTheBreak() {
        String first = uniqueId();
        String second = uniqueId();
        String body = "[" + transaction(first, "1") + "," + transaction(second, "2") + ",{\"transaction_id\": ";

        given().contentType("application/json").body(body)
                .when().post(EVENTS, PIPELINE)
                .then().statusCode(400)
                .body("accepted", is(2))
                .body("results[2].status", is("rejected"))
                .body("results[2].violations[0].reason", containsString("not valid JSON"))
                .body("stopped.index", is(2));

        awaitEvents(List.of(first, second), WAIT);
    }

    @Test
    void wrongTypesAreNamedFieldByField() {
        String good = uniqueId();
        String bad = uniqueId();
        String body = "[" + transaction(good, "3") + ","
                + transaction(bad, "\"lots\"").replace("\"758\"", "758") + "]";

        given().contentType("application/json").body(body)
                .when().post(EVENTS, PIPELINE)
                .then().statusCode(400)
                .body("results[1].violations.field", hasItem("tx_amount"))
                .body("results[1].violations.field", hasItem("customer_id"))
                .body("results[1].violations.reason", hasItem(containsString("expected a number")));

        awaitEvents(List.of(good), WAIT);
    }

    @Test
    void aMegabyteFieldIsRefusedForItsSizeAndTheOthersAreKept() {
        String before = uniqueId();
        String after = uniqueId();
        String huge = transaction(uniqueId(), "4").replace("}", ",\"note\":\"" + "x".repeat(1024 * 1024) + "\"}");
        String body = "[" + transaction(before, "5") + "," + huge + "," + transaction(after, "6") + "]";

        given().contentType("application/json").body(body)
                .when().post(EVENTS, PIPELINE)
                .then().statusCode(400)
                .body("accepted", is(2))
                .body("results[1].status", is("rejected"))
                .body("results[1].violations[0].reason", containsString("bytes, more than the 524288"));

        awaitEvents(List.of(before, after), WAIT);
    }

    @Test
    void ndjsonWithOneBrokenLineRefusesThatLineAtItsIndexAndKeepsTheOthers() {
        String first = uniqueId();
        String last = uniqueId();
        String body = transaction(first, "7") + "\n\n{\"transaction_id\": \"x\"\n" + transaction(last, "8") + "\n";

        given().contentType("application/x-ndjson").body(body.getBytes(StandardCharsets.UTF_8))
                .when().post(EVENTS, PIPELINE)
                .then().statusCode(400)
                .body("accepted", is(2))
                .body("rejected", is(1))
                .body("results[0].index", is(0))
                .body("results[1].index", is(2))
                .body("results[1].violations[0].reason", containsString("not valid JSON"))
                .body("results[2].index", is(3))
                .body("results[2].eventId", is(last));

        awaitEvents(List.of(first, last), WAIT);
    }

    @Test
    void invalidUtf8InAnNdjsonLineRefusesOnlyThatLine() {
        String good = uniqueId();
        byte[] body = concat(transaction(good, "9") + "\n{\"transaction_id\":\"",
                new byte[] {(byte) 0xC3, (byte) 0x28}, "\"}\n");

        given().contentType("application/x-ndjson").body(body)
                .when().post(EVENTS, PIPELINE)
                .then().statusCode(400)
                .body("accepted", is(1))
                .body("results[1].violations[0].reason", containsString("line 2 is not valid UTF-8"));

        awaitEvents(List.of(good), WAIT);
    }

    @Test
    void invalidUtf8InJsonIsA400NamingTheEncoding() {
        String good = uniqueId();
        byte[] body = concat("[" + transaction(good, "10") + ",{\"transaction_id\":\"",
                new byte[] {(byte) 0xFF, (byte) 0xFE}, "\"}]");

        given().contentType("application/json").body(body)
                .when().post(EVENTS, PIPELINE)
                .then().statusCode(400)
                .body("accepted", is(1))
                .body("results[1].violations[0].reason", allOf(containsString("not valid JSON"),
                        containsString("UTF-8")));

        awaitEvents(List.of(good), WAIT);
    }

    @Test
    void csvCellsTakeTheirSchemaTypesAndRaggedRowsAreRefusedByRow() {
        String first = uniqueId();
        String last = uniqueId();
        String ragged = uniqueId();
        String body = CSV_HEADER + "\n"
                + csvRow(first, "12.5") + "\n"
                + csvRow(ragged, "1") + ",extra\n"
                + uniqueId() + ",2018-04-01T00:07:56Z,758\n"
                + csvRow(uniqueId(), "abc") + "\n"
                + uniqueId() + ",2018-04-01T00:07:56Z,758,3156,\n"
                + csvRow(last, "15").replace("2018-04-01T00:07:56Z", "1522541276000") + "\n";

        given().contentType("text/csv").body(body)
                .when().post(EVENTS, PIPELINE)
                .then().statusCode(400)
                .body("accepted", is(2))
                .body("rejected", is(4))
                .body("results[1].violations[0].reason", is("row 2 (line 3) has 6 cells but the header has 5 columns"))
                .body("results[2].violations[0].reason", containsString("has 3 cells"))
                .body("results[3].violations[0].field", is("tx_amount"))
                .body("results[3].violations[0].reason", containsString("expected a number but got"))
                .body("results[4].violations[0].field", is("tx_amount"))
                .body("results[4].violations[0].reason", is("required field is missing"))
                .body("results[5].eventId", is(last));

        awaitEvents(List.of(first, last), WAIT);
        // And the ragged row, refused while read, is kept on the rejected topic as read, with its rule
        try (var rejected = TopicProbe.of(Topics.rejected(PIPELINE))) {
            RecordRejected kept = rejected.await(r -> r.raw().contains(ragged), WAIT);
            assertThat(kept.raw()).endsWith(",extra");
            assertThat(kept.source()).isEqualTo("http");
            assertThat(kept.violations()).singleElement().satisfies(v -> assertThat(v.rule()).isEqualTo("columns"));
        }
    }

    @Test
    void tsvIsReadLikeCsv() {
        String id = uniqueId();
        String body = CSV_HEADER.replace(',', '\t') + "\n" + csvRow(id, "42").replace(',', '\t') + "\n";

        given().contentType("text/tab-separated-values").body(body)
                .when().post(EVENTS, PIPELINE)
                .then().statusCode(200).body("accepted", is(1)).body("results[0].eventId", is(id));

        awaitEvents(List.of(id), WAIT);
    }

    @Test
    void invalidUtf8InACsvRowRefusesThatRowAndKeepsTheOthers() {
        String before = uniqueId();
        String after = uniqueId();
        byte[] body = concat(CSV_HEADER + "\n" + csvRow(before, "1") + "\n" + uniqueId() + ",2018-04-01T00:07:56Z,",
                new byte[] {(byte) 0xC3, (byte) 0x28}, ",3156,1\n" + csvRow(after, "2") + "\n");

        given().contentType("text/csv").body(body)
                .when().post(EVENTS, PIPELINE)
                .then().statusCode(400)
                .body("accepted", is(2))
                .body("results[1].violations[0].reason", is("row 2 (line 3) is not valid UTF-8"));

        awaitEvents(List.of(before, after), WAIT);
    }

    @Test
    void aCsvWithoutHeaderRowIsA400() {
        given().contentType("text/csv").body("")
                .when().post(EVENTS, PIPELINE)
                .then().statusCode(400)
                .body("results[0].violations[0].reason", containsString("no header row"));
    }

    @Test
    void anUnknownPipelineIs404WhateverTheFormat() {
        given().contentType("text/csv").body(CSV_HEADER + "\n")
                .when().post(EVENTS, "no-such-pipeline")
                .then().statusCode(404)
                .body("error", allOf(containsString("no pipeline 'no-such-pipeline'"), containsString("card-fraud")));
    }

    @Test
    void aWrongContentTypeIs415ListingTheSupportedOnes() {
        given().contentType("text/plain").body("hello")
                .when().post(EVENTS, PIPELINE)
                .then().statusCode(415)
                .body("error", allOf(containsString("text/plain"), containsString("text/csv")));
    }

    @Test
    void aBodyOverTheSynchronousLimitIs413PointingToUploads() {
        byte[] body = new byte[16 * 1024 * 1024 + 1];
        java.util.Arrays.fill(body, (byte) ' ');

        given().contentType("application/json").body(body)
                .when().post(EVENTS, PIPELINE)
                .then().statusCode(413)
                .body("error", containsString("/uploads"));
    }

    private static byte[] concat(String head, byte[] middle, String tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
