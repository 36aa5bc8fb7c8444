package dev.flywheel.monitor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.LabelReceived;
import dev.flywheel.contracts.event.PredictionMade;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.runtime.TopicPublisher;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The review queue from the real predictions topic (real broker), its label once the outcome joins, and what the
 * console needs from this service: its settings, its static files, and the CORS answer the other services give it.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class ReviewQueueAndConsoleTest {

    private static final String P = "card-fraud";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Inject
    TopicPublisher publisher;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void theDaysHighestScoredPredictionsAreQueuedHighestFirstAndALabelMarksTheirItem() {
        // Given 50 predictions of one day (a day no other test uses), plus a shadow one scoring higher than all
        Instant day = Instant.parse("2031-03-04T00:00:00Z");
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String eventId = run + "-e" + i;
            Instant eventTime = day.plusSeconds(600L * i);
            sent.add(publisher.publish(Topics.predictions(P), eventId, new PredictionMade(run + "-p" + i, 1, P, eventId,
                    "v-" + run, i / 50.0, i >= 25, Map.of("tx_amount", (double) i, "tx_during_night", 0.0), eventTime,
                    eventTime.plusMillis(3), 100)).toCompletableFuture());
        }
        sent.add(publisher.publish(Topics.predictions(P), run + "-e0", new PredictionMade(run + "-shadow", 1, P,
                run + "-e0", "v-challenger", 1.0, true, Map.of("tx_amount", 0.0), day, day, 100, true))
                .toCompletableFuture());
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();

        // When the queue of that day is asked for its top 3
        await().atMost(TIMEOUT).until(() -> review("2031-03-04", 3).getList("items").size() == 3);
        JsonPath page = review("2031-03-04", 3);

        // Then the three highest, highest first, with what the model saw
        assertThat(page.getList("items.eventId", String.class)).containsExactly(run + "-e49", run + "-e48",
                run + "-e47");
        assertThat(page.getDouble("items[0].score")).isEqualTo(0.98);
        assertThat(page.getDouble("items[0].features.tx_amount")).isEqualTo(49.0);
        assertThat(page.getString("items[0].label")).isNull();
        assertThat(page.getList("days", String.class)).contains("2031-03-04");

        // When the top event's label arrives and joins its prediction
        publisher.publish(Topics.labels(P), run + "-e49", new LabelReceived(run + "-l49", 1, P, run + "-e49", 1.0,
                day.plus(Duration.ofDays(1)), Instant.now())).toCompletableFuture().join();

        // Then its item shows the label
        await().atMost(TIMEOUT).until(() -> review("2031-03-04", 3).getString("items[0].label") != null);
        assertThat(review("2031-03-04", 3).getDouble("items[0].label")).isEqualTo(1.0);
    }

    @Test
    void aWrongDayOrKIsRefusedNamingTheParameter() {
        given().get("/v1/pipelines/{p}/review?day=yesterday", P).then().statusCode(400)
                .body(containsString("day"));
        given().get("/v1/pipelines/{p}/review?k=0", P).then().statusCode(400).body(containsString("k"));
        given().get("/v1/pipelines/nope/review").then().statusCode(404);
    }

    @Test
    void theConsoleIsServedWithTheServicesItCallsAndLoopbackOriginsMayCallTheApi() {
        given().get("/console/").then().statusCode(200).body(containsString("Review queue"));
        given().get("/console/console.js").then().statusCode(200).body(containsString("/v1/console"));
        given().get("/v1/console").then().statusCode(200)
                .body("services.ingest", is("http://localhost:8081"))
                .body("services.monitor", is(""))
                .body("pipelines", hasItem(P))
                .body("topics.'card-fraud'", hasItem(Topics.labels(P).name()));
        // A page served from another loopback port may call this API; a foreign origin may not.
        given().header("Origin", "http://127.0.0.1:9999").get("/v1/pipelines/{p}/health", P).then()
                .header("Access-Control-Allow-Origin", "http://127.0.0.1:9999");
        given().header("Origin", "http://localhost:8085").header("Access-Control-Request-Method", "PUT")
                .options("/v1/pipelines/{p}/health", P).then()
                .header("Access-Control-Allow-Origin", "http://localhost:8085");
        given().header("Origin", "https://elsewhere.example").get("/v1/pipelines/{p}/health", P).then()
                .statusCode(403);
    }

    private static JsonPath review(String day, int k) {
        return given().get("/v1/pipelines/{p}/review?day={d}&k={k}", P, day, k).then().statusCode(200).extract()
                .jsonPath();
    }
}
