package dev.flywheel.ingest.rest;

import static dev.flywheel.ingest.rest.IngestFixtures.CSV_HEADER;
import static dev.flywheel.ingest.rest.IngestFixtures.PIPELINE;
import static dev.flywheel.ingest.rest.IngestFixtures.awaitEvents;
import static dev.flywheel.ingest.rest.IngestFixtures.csvRow;
import static dev.flywheel.ingest.rest.IngestFixtures.transaction;
import static dev.flywheel.ingest.rest.IngestFixtures.uniqueId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.LabelReceived;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Files uploaded as a raw body or as multipart are processed in the background: 202 with a job, a
 * status with progress and final counts, and every valid row on the pipeline's topic.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class UploadJobsTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int ROWS = 20_000;

    @Test
    void aTwentyThousandRowCsvIsProcessedInTheBackgroundWithProgressAndFinalCounts() {
        // Given a CSV in which every 1000th row has a negative amount
        List<String> valid = new ArrayList<>();
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (int i = 0; i < ROWS; i++) {
            String id = uniqueId();
            boolean bad = i % 1000 == 999;
            csv.append(csvRow(id, bad ? "-1" : String.valueOf(i % 500))).append('\n');
            if (!bad) {
                valid.add(id);
            }
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);

        // When it is uploaded as the raw body
        var accepted = given().contentType("text/csv").body(file)
                .queryParam("kind", "events")
                .when().post("/v1/pipelines/{p}/uploads", PIPELINE)
                .then().statusCode(202)
                .body("state", org.hamcrest.Matchers.oneOf("queued", "running", "done"))
                .body("totalBytes", is(file.length))
                .extract();
        String location = accepted.header("Location");
        String id = accepted.path("id");
        assertThat(location).endsWith("/v1/pipelines/" + PIPELINE + "/uploads/" + id);

        // Then the status reaches done with every row counted
        JsonPath done = awaitFinished(id);
        assertThat(done.getString("state")).isEqualTo("done");
        assertThat(done.getLong("rowsRead")).isEqualTo(ROWS);
        assertThat(done.getInt("accepted")).isEqualTo(ROWS - 20);
        assertThat(done.getInt("rejected")).isEqualTo(20);
        assertThat(done.getLong("bytesRead")).isEqualTo(file.length);
        assertThat(done.getDouble("percent")).isEqualTo(100.0);
        assertThat(done.getDouble("rowsPerSecond")).isPositive();
        assertThat(done.getLong("etaSeconds")).isZero();
        assertThat(done.getList("rejections.violations.flatten().field", String.class)).containsOnly("tx_amount");
        assertThat(done.getInt("rejections[0].index")).isEqualTo(999);
        assertThat(done.getString("finishedAt")).isNotNull();

        // And the list shows the job, and the topic holds every valid row
        given().get("/v1/pipelines/{p}/uploads", PIPELINE)
                .then().statusCode(200).body("id", hasItem(id));
        awaitEvents(valid, WAIT);
    }

    @Test
    void aMultipartNdjsonUploadTakesItsFormatFromTheFileName() {
        String first = uniqueId();
        String second = uniqueId();
        byte[] file = (transaction(first, "1") + "\n" + transaction(second, "2") + "\nnot json\n")
                .getBytes(StandardCharsets.UTF_8);

        String id = given().multiPart("file", "events.ndjson", file, "application/octet-stream")
                .queryParam("kind", "events")
                .when().post("/v1/pipelines/{p}/uploads", PIPELINE)
                .then().statusCode(202).body("format", is("ndjson")).extract().path("id");

        JsonPath done = awaitFinished(id);
        assertThat(done.getString("state")).isEqualTo("done");
        assertThat(done.getInt("accepted")).isEqualTo(2);
        assertThat(done.getInt("rejected")).isEqualTo(1);
        assertThat(done.getString("rejections[0].violations[0].reason")).contains("not valid JSON");
        awaitEvents(List.of(first, second), WAIT);
    }

    @Test
    void aLabelsCsvUploadPublishesLabels() {
        String fraud = uniqueId();
        String genuine = uniqueId();
        String csv = "transaction_id,tx_fraud,label_time\n" + fraud + ",1,2018-04-03T10:00:00Z\n" + genuine + ",0,\n";

        String id = given().multiPart("file", "labels.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .queryParam("kind", "labels")
                .when().post("/v1/pipelines/{p}/uploads", PIPELINE)
                .then().statusCode(202).extract().path("id");

        JsonPath done = awaitFinished(id);
        assertThat(done.getInt("accepted")).isEqualTo(2);
        Set<String> missing = new HashSet<>(List.of(fraud, genuine));
        try (var labels = TopicProbe.of(Topics.labels(PIPELINE))) {
            labels.await((LabelReceived l) -> {
                missing.remove(l.targetEventId());
                return missing.isEmpty();
            }, WAIT);
            assertThat(labels.seen()).filteredOn(l -> l.targetEventId().equals(fraud))
                    .allSatisfy(l -> assertThat(l.value()).isEqualTo(1.0));
            assertThat(labels.seen()).filteredOn(l -> l.targetEventId().equals(genuine))
                    .allSatisfy(l -> assertThat(l.value()).isEqualTo(0.0));
        }
    }

    @Test
    void aFileThatCannotBeReadFailsTheJobAndKeepsTheRowsBefore() {
        String good = uniqueId();
        String json = "[" + transaction(good, "3") + ",{\"transaction_id\":";

        String id = given().contentType("application/octet-stream").body(json.getBytes(StandardCharsets.UTF_8))
                .queryParam("kind", "events").queryParam("format", "json")
                .when().post("/v1/pipelines/{p}/uploads", PIPELINE)
                .then().statusCode(202).extract().path("id");

        JsonPath failed = awaitFinished(id);
        assertThat(failed.getString("state")).isEqualTo("failed");
        assertThat(failed.getString("error")).contains("not valid JSON");
        assertThat(failed.getInt("accepted")).isEqualTo(1);
        awaitEvents(List.of(good), WAIT);
    }

    @Test
    void badUploadRequestsAreRefusedWithTheReason() {
        given().contentType("text/csv").body(CSV_HEADER)
                .when().post("/v1/pipelines/{p}/uploads", PIPELINE)
                .then().statusCode(400).body("error", containsString("kind must be 'events' or 'labels'"));
        given().contentType("application/octet-stream").body(new byte[] {1})
                .queryParam("kind", "events")
                .when().post("/v1/pipelines/{p}/uploads", PIPELINE)
                .then().statusCode(415).body("error", containsString("cannot tell the format"));
        given().get("/v1/pipelines/{p}/uploads/{id}", PIPELINE, "no-such-job")
                .then().statusCode(404).body("error", containsString("no-such-job"));
        given().contentType("text/csv").body(CSV_HEADER).queryParam("kind", "events")
                .when().post("/v1/pipelines/{p}/uploads", "no-such-pipeline")
                .then().statusCode(404);
    }

    private static JsonPath awaitFinished(String id) {
        return Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(
                () -> given().get("/v1/pipelines/{p}/uploads/{id}", PIPELINE, id).then().statusCode(200)
                        .extract().jsonPath(),
                status -> !status.getString("state").equals("running") && !status.getString("state").equals("queued"));
    }
}
