package dev.flywheel.ingest.rest;

import static dev.flywheel.ingest.rest.IngestFixtures.CSV_HEADER;
import static dev.flywheel.ingest.rest.BadInputPipelineProfile.PIPELINE;
import static dev.flywheel.ingest.rest.IngestFixtures.csvRow;
import static dev.flywheel.ingest.rest.IngestFixtures.transaction;
import static dev.flywheel.ingest.rest.IngestFixtures.uniqueId;
import static dev.flywheel.testing.badinput.BadInputClient.assertNoServerError;
import static dev.flywheel.testing.badinput.BadInputClient.assertRefused;
import static dev.flywheel.testing.badinput.BadInputRuns.properties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.json.Json;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.testing.badinput.AdversarialBodies;
import dev.flywheel.testing.badinput.Answer;
import dev.flywheel.testing.badinput.BadInputClient;
import dev.flywheel.testing.badinput.Payload;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Properties of every ingest endpoint that reads a body, over real HTTP against the running service and the real
 * broker: random and hostile bodies (see {@link AdversarialBodies}) as single events, arrays, NDJSON, CSV and TSV,
 * labels, uploads and source declarations never get a 5xx, every 4xx says in JSON what was wrong, nothing hangs,
 * bodies past the limit are refused, and the service still takes a valid event afterwards. Runs on a pipeline of its
 * own ({@link BadInputPipelineProfile}).
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
@TestProfile(BadInputPipelineProfile.class)
class IngestBadInputTest {

    /** The synchronous body limit (flywheel.ingest.http.sync-max-body's default). */
    private static final int SYNC_LIMIT = 16 * 1024 * 1024;
    private static final String EVENTS = "v1/pipelines/" + PIPELINE + "/events";

    @TestHTTPResource("/")
    URI base;

    @AfterEach
    void theServiceStillTakesAValidEvent() {
        String id = uniqueId();
        Answer answer = new BadInputClient(base).send("POST", EVENTS, Payload.json("valid", transaction(id, "10")));
        assertThat(answer.status()).as("a valid event after the bad ones: %s", answer).isEqualTo(200);
    }

    @Test
    void hostileSingleEventsAndArraysNeverGetAServerError() {
        BadInputClient client = new BadInputClient(base);
        JsonNode event = json(transaction(uniqueId(), "57.16"));
        Gen<Payload> bodies = Generate.oneOf(AdversarialBodies.json(event, SYNC_LIMIT),
                AdversarialBodies.json(Json.mapper().createArrayNode().add(event).add(event), SYNC_LIMIT));

        properties().forAll(bodies).checkAssert(body -> assertNoServerError(client.send("POST", EVENTS, body), body));
    }

    @Test
    void hostileNdjsonCsvAndTsvNeverGetAServerError() {
        BadInputClient client = new BadInputClient(base);
        String ndjson = transaction(uniqueId(), "1") + "\n" + transaction(uniqueId(), "2") + "\n";
        String csv = CSV_HEADER + "\n" + csvRow(uniqueId(), "1") + "\n" + csvRow(uniqueId(), "2") + "\n";
        Gen<Payload> bodies = Generate.oneOf(AdversarialBodies.lines(ndjson, "application/x-ndjson", SYNC_LIMIT),
                AdversarialBodies.lines(csv, "text/csv", SYNC_LIMIT),
                AdversarialBodies.lines(csv.replace(',', '\t'), "text/tab-separated-values", SYNC_LIMIT));

        properties().forAll(bodies).checkAssert(body -> assertNoServerError(client.send("POST", EVENTS, body), body));
    }

    @Test
    void hostileLabelsNeverGetAServerError() {
        BadInputClient client = new BadInputClient(base);
        JsonNode label = json("{\"transaction_id\":\"" + uniqueId() + "\",\"tx_fraud\":1,"
                + "\"label_time\":\"2018-04-03T10:00:00Z\"}");

        properties().forAll(AdversarialBodies.json(label, SYNC_LIMIT)).checkAssert(body ->
                assertNoServerError(client.send("POST", "v1/pipelines/" + PIPELINE + "/labels", body), body));
    }

    @Test
    void hostileUploadsAreTakenOrRefusedAndEveryJobFinishes() {
        BadInputClient client = new BadInputClient(base);
        String csv = CSV_HEADER + "\n" + csvRow(uniqueId(), "1") + "\n";
        Gen<Payload> bodies = Generate.oneOf(AdversarialBodies.lines(csv, "text/csv", 4 * 1024 * 1024),
                AdversarialBodies.json(json(transaction(uniqueId(), "3")), 4 * 1024 * 1024),
                AdversarialBodies.randomBytes("application/octet-stream"));
        List<String> jobs = new ArrayList<>();

        // Uploads are read after the 202, so fewer tries: each one is a job the service works through
        properties(60).forAll(bodies).checkAssert(body -> {
            Answer answer = client.send("POST", "v1/pipelines/" + PIPELINE + "/uploads?kind=events", body);
            assertNoServerError(answer, body);
            if (answer.status() == 202) {
                jobs.add(json(answer.body()).get("id").asText());
            }
        });

        // Then every job the service took ends, done or failed with a reason, none stuck or lost
        assertThat(jobs).isNotEmpty();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String id : jobs) {
                JsonNode status = json(client.get("v1/pipelines/" + PIPELINE + "/uploads/" + id).body());
                assertThat(status.get("state").asText()).as("job %s: %s", id, status).isIn("done", "failed");
            }
        });
    }

    @Test
    void hostileSourceDeclarationsNeverGetAServerError() {
        BadInputClient client = new BadInputClient(base);
        // Valid as it stands, but pointing at a closed port; a mutation that stays valid at most takes its name
        ObjectNode declaration = Json.mapper().createObjectNode();
        declaration.put("name", "fuzz-web").put("type", "web_page").put("url", "http://127.0.0.1:9/list.html")
                .put("select", "li.tx").put("interval", "1h").put("minDelay", "0ms");
        declaration.putObject("fields").put("transaction_id", "@data-id").put("tx_datetime", "span.when")
                .put("customer_id", "span.customer").put("terminal_id", "span.terminal").put("tx_amount", "span.amount");

        properties().forAll(AdversarialBodies.json(declaration, 1024 * 1024)).checkAssert(body ->
                assertNoServerError(client.send("POST", "v1/pipelines/" + PIPELINE + "/sources", body), body));
    }

    @Test
    void aBodyPastTheLimitIsRefusedWith413WithoutBeingHeld() {
        BadInputClient client = new BadInputClient(base);

        // When 24 MiB are streamed at the 16 MiB synchronous limit
        Answer answer = client.sendLarge("POST", EVENTS, "application/x-ndjson", 24L * 1024 * 1024);

        // Then
        assertThat(answer.status()).as("%s", answer).isEqualTo(413);
    }

    @Test
    void anUnknownContentTypeIsRefusedWith415Explained() {
        BadInputClient client = new BadInputClient(base);

        Answer answer = client.send("POST", EVENTS, Payload.text("xml", "<event/>", "application/xml"));

        assertRefused(answer, "application/xml");
        assertThat(answer.status()).isEqualTo(415);
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
