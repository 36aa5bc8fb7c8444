package dev.flywheel.ingest.rest;

import static dev.flywheel.ingest.rest.IngestFixtures.PIPELINE;
import static dev.flywheel.ingest.rest.IngestFixtures.awaitEvents;
import static dev.flywheel.ingest.rest.IngestFixtures.csvRow;
import static dev.flywheel.ingest.rest.IngestFixtures.transaction;
import static dev.flywheel.ingest.rest.IngestFixtures.uniqueId;
import static dev.flywheel.ingest.rest.IngestFixtures.CSV_HEADER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * With an in-flight budget of two records, concurrent posts are told to come back later (503 with
 * Retry-After) instead of hanging or buffering, every record they report accepted is on the topic, and
 * an upload job simply waits for budget and completes.
 */
@QuarkusTest
@TestProfile(TinyInFlightBudgetProfile.class)
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class BackPressureTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int REQUESTS = 6;
    private static final int RECORDS = 100;

    @Test
    void concurrentPostsBeyondTheBudgetGet503WithRetryAfterAndNothingAcceptedIsLost() throws Exception {
        // Given six bodies of a hundred events each
        List<String> bodies = new ArrayList<>();
        for (int r = 0; r < REQUESTS; r++) {
            StringBuilder ndjson = new StringBuilder();
            for (int i = 0; i < RECORDS; i++) {
                ndjson.append(transaction(uniqueId(), String.valueOf(i))).append('\n');
            }
            bodies.add(ndjson.toString());
        }

        // When they are posted at the same time
        ExecutorService clients = Executors.newFixedThreadPool(REQUESTS);
        List<CompletableFuture<Response>> answers = new ArrayList<>();
        try {
            for (String body : bodies) {
                answers.add(CompletableFuture.supplyAsync(() -> given().contentType("application/x-ndjson")
                        .body(body.getBytes(StandardCharsets.UTF_8))
                        .post("/v1/pipelines/{p}/events", PIPELINE).andReturn(), clients));
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } finally {
            clients.shutdownNow();
        }

        // Then each got an answer: some 503 with Retry-After and where they stopped, none a 500
        List<String> acceptedIds = new ArrayList<>();
        int refused = 0;
        for (CompletableFuture<Response> answer : answers) {
            Response response = answer.join();
            assertThat(response.statusCode()).isIn(200, 503);
            JsonPath report = response.jsonPath();
            if (response.statusCode() == 503) {
                refused++;
                assertThat(response.header("Retry-After")).isEqualTo("3");
                assertThat(report.getString("stopped.reason")).contains("records in flight");
                assertThat(report.getInt("stopped.index")).isEqualTo(report.getInt("accepted"));
            }
            acceptedIds.addAll(report.getList("results.findAll { it.status == 'accepted' }.eventId", String.class));
        }
        assertThat(refused).isPositive();
        assertThat(acceptedIds).isNotEmpty();

        // And every record reported accepted is on the events topic
        awaitEvents(acceptedIds, WAIT);
    }

    @Test
    void anUploadWaitsForBudgetInsteadOfFailing() {
        List<String> ids = new ArrayList<>();
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (int i = 0; i < 500; i++) {
            String id = uniqueId();
            ids.add(id);
            csv.append(csvRow(id, "1")).append('\n');
        }

        String id = given().contentType("text/csv").body(csv.toString().getBytes(StandardCharsets.UTF_8))
                .queryParam("kind", "events")
                .post("/v1/pipelines/{p}/uploads", PIPELINE)
                .then().statusCode(202).extract().path("id");

        JsonPath done = Awaitility.await().atMost(WAIT).until(
                () -> given().get("/v1/pipelines/{p}/uploads/{id}", PIPELINE, id).then().extract().jsonPath(),
                status -> status.getString("state").equals("done"));
        assertThat(done.getInt("accepted")).isEqualTo(500);
        awaitEvents(ids, WAIT);
    }
}
