package dev.flywheel.feature;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.contracts.event.ExampleLabelled;
import dev.flywheel.contracts.event.LabelReceived;
import dev.flywheel.contracts.event.OffsetRange;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.feature.rest.ExportResource;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.runtime.PipelineCatalog;
import dev.flywheel.runtime.TopicPublisher;
import dev.flywheel.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The offline export over the running service: examples the topology made, read back by event-time range. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class ExportResourceTest {

    static final String PIPELINE = "card-fraud";
    static final Duration PATIENCE = Duration.ofSeconds(90);

    @Inject
    TopicPublisher publisher;

    @Inject
    PipelineCatalog catalog;

    @Test
    void exportsTheExamplesOfATimeRangeWithEveryFeatureInSpecOrder() throws Exception {
        // Given three labelled payments of one customer a minute apart, a few hours ago (a time no other test uses)
        String run = UUID.randomUUID().toString();
        Instant t = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS)
                .plusSeconds(ThreadLocalRandom.current().nextInt(3600));
        List<String> ids = List.of("tx-" + run + "-1", "tx-" + run + "-2", "tx-" + run + "-3");
        List<ExampleLabelled> made = new ArrayList<>();
        try (var examples = TopicProbe.of(Topics.examples(PIPELINE))) {
            for (int i = 0; i < ids.size(); i++) {
                Instant time = t.plus(Duration.ofMinutes(i));
                publishEvent(ids.get(i), time, "c-" + run, "t-" + run, 10.0 * (i + 1));
                publishLabel(ids.get(i), i == 1 ? 1.0 : 0.0, time.plus(Duration.ofMinutes(5)));
                String id = ids.get(i);
                // One at a time, so each payment's window holds the ones before it
                made.add(examples.await(e -> e.sourceEventId().equals(id), PATIENCE));
            }
        }

        // When the first two minutes are exported as CSV (the third payment is at the exclusive end)
        Response csv = given().queryParam("from", t.toString()).queryParam("to", t.plus(Duration.ofMinutes(2)).toString())
                .queryParam("format", "csv")
                .get("/v1/pipelines/{p}/examples/export", PIPELINE);

        // Then the header is event id, event time, every feature in spec order, label
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> features = catalog.require(PIPELINE).featureNames();
        List<String> columns = new ArrayList<>(List.of("event_id", "event_time"));
        columns.addAll(features);
        columns.add("label");
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.asString())).getRecords();
        assertThat(rows).isNotEmpty();
        assertThat(rows.get(0).getParser().getHeaderNames()).isEqualTo(columns);
        // And every row is in the range, and of this run exactly the first two payments, as the topology made them
        rows.forEach(row -> assertThat(Instant.parse(row.get("event_time")))
                .isBetween(t, t.plus(Duration.ofMinutes(2)).minusMillis(1)));
        List<CSVRecord> ours = rows.stream().filter(row -> row.get("event_id").startsWith("tx-" + run)).toList();
        assertThat(ours).extracting(row -> row.get("event_id")).containsExactlyInAnyOrder(ids.get(0), ids.get(1));
        for (CSVRecord row : ours) {
            ExampleLabelled example = made.stream().filter(e -> e.sourceEventId().equals(row.get("event_id")))
                    .findFirst().orElseThrow();
            assertThat(Instant.parse(row.get("event_time"))).isEqualTo(example.eventTime());
            for (String feature : features) {
                assertThat(Double.parseDouble(row.get(feature))).as(feature)
                        .isEqualTo(example.features().get(feature));
            }
            assertThat(Double.parseDouble(row.get("label"))).isEqualTo(example.label());
        }
        CSVRecord second = ours.stream().filter(row -> row.get("event_id").equals(ids.get(1))).findFirst().orElseThrow();
        assertThat(second.get("customer_nb_tx_1d")).isEqualTo("2.0");
        assertThat(second.get("label")).isEqualTo("1.0");

        // And the offset ranges read are recorded, one per partition of the examples topic, ending no earlier than
        // the examples made
        List<OffsetRange> ranges = Json.mapper().readValue(csv.header(ExportResource.RANGES_HEADER),
                new TypeReference<List<OffsetRange>>() {
                });
        assertThat(ranges).isNotEmpty().allSatisfy(range -> assertThat(range.topic())
                .isEqualTo(Topics.examples(PIPELINE).name()));
        assertThat(ranges).extracting(OffsetRange::partition).doesNotHaveDuplicates();
        assertThat(ranges.stream().mapToLong(OffsetRange::count).sum()).isGreaterThanOrEqualTo(2);

        // And NDJSON holds the same values, features by name in spec order
        String ndjson = given().queryParam("from", t.toString())
                .queryParam("to", t.plus(Duration.ofMinutes(3)).toString()).queryParam("format", "ndjson")
                .get("/v1/pipelines/{p}/examples/export", PIPELINE).then().statusCode(200).extract().asString();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : ndjson.split("\n")) {
            JsonNode node = Json.mapper().readTree(line);
            if (node.get("event_id").asText().startsWith("tx-" + run)) {
                lines.add(node);
            }
        }
        assertThat(lines).extracting(node -> node.get("event_id").asText()).containsExactlyInAnyOrderElementsOf(ids);
        for (JsonNode line : lines) {
            ExampleLabelled example = made.stream().filter(e -> e.sourceEventId().equals(line.get("event_id").asText()))
                    .findFirst().orElseThrow();
            Map<String, Double> values = Json.mapper().convertValue(line.get("features"),
                    new TypeReference<Map<String, Double>>() {
                    });
            assertThat(List.copyOf(values.keySet())).isEqualTo(features);
            assertThat(values).containsExactlyEntriesOf(example.features());
            assertThat(line.get("label").asDouble()).isEqualTo(example.label());
        }
    }

    @Test
    void refusesAMissingOrBackwardsRangeAnUnknownFormatAndAnUnknownPipeline() {
        String path = "/v1/pipelines/{p}/examples/export";
        given().queryParam("to", "2024-01-02T00:00:00Z").get(path, PIPELINE).then().statusCode(400);
        given().queryParam("from", "yesterday").queryParam("to", "2024-01-02T00:00:00Z").get(path, PIPELINE)
                .then().statusCode(400);
        given().queryParam("from", "2024-01-02T00:00:00Z").queryParam("to", "2024-01-01T00:00:00Z")
                .get(path, PIPELINE).then().statusCode(400);
        given().queryParam("from", "2024-01-01T00:00:00Z").queryParam("to", "2024-01-02T00:00:00Z")
                .queryParam("format", "parquet").get(path, PIPELINE).then().statusCode(400);
        given().queryParam("from", "2024-01-01T00:00:00Z").queryParam("to", "2024-01-02T00:00:00Z")
                .get(path, "no-such-pipeline").then().statusCode(404);
    }

    private void publishEvent(String id, Instant time, String customer, String terminal, double amount)
            throws Exception {
        ObjectNode payload = Json.mapper().createObjectNode()
                .put("transaction_id", id).put("tx_datetime", time.toString())
                .put("customer_id", customer).put("terminal_id", terminal).put("tx_amount", amount);
        publisher.publish(Topics.events(PIPELINE), id, EventIngested.of(id, PIPELINE, time, Instant.now(), "test",
                payload)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void publishLabel(String id, double value, Instant labelTime) throws Exception {
        publisher.publish(Topics.labels(PIPELINE), id, new LabelReceived("label-" + id, LabelReceived.SCHEMA_VERSION,
                PIPELINE, id, value, labelTime, labelTime)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
