package dev.flywheel.training.eda;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.ExampleLabelled;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.runtime.PipelineCatalog;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * The profile endpoints over HTTP against the real broker: a pipeline's examples (a time range of them) and
 * an uploaded CSV, as JSON and as the HTML report.
 */
@QuarkusTest
@TestProfile(EdaTestProfile.class)
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class ProfileResourceTest {

    private static final Instant DAY_ONE = Instant.parse("2026-03-02T00:00:00Z");
    private static boolean published;

    @Inject
    PipelineCatalog catalog;


    @Test
    void aPipelinesExamplesInATimeRangeAreProfiled() {
        // Given 300 examples over 3 days: day 3 has 100, 10 of them without tx_amount, amount 10x on positives
        publishOnce();

        // When the third day is profiled
        JsonPath profile = given().queryParam("from", DAY_ONE.plus(2, ChronoUnit.DAYS).toString())
                .queryParam("to", DAY_ONE.plus(3, ChronoUnit.DAYS).toString())
                .get("/v1/pipelines/{p}/profile", EdaTestProfile.PIPELINE)
                .then().statusCode(200).contentType(containsString("json")).extract().jsonPath();

        // Then only its rows count, with the NULLs, the label balance and the amount's association
        assertThat(profile.getLong("rows")).isEqualTo(100);
        assertThat(profile.getLong("columns.find { it.name == 'tx_amount' }.nulls")).isEqualTo(10);
        assertThat(profile.getDouble("columns.find { it.name == 'tx_amount' }.nullShare")).isEqualTo(0.1);
        assertThat(profile.getString("label.column")).isEqualTo("tx_fraud");
        assertThat(profile.getLong("label.positives")).isEqualTo(20);
        assertThat(profile.getLong("label.negatives")).isEqualTo(80);
        assertThat(profile.getDouble("label.associations.find { it.feature == 'tx_amount' }.rocAuc")).isEqualTo(1.0);
        // the spec has a logistic_regression candidate, so normality is judged for a linear model
        assertThat(profile.getString("columns.find { it.name == 'tx_amount' }.normality.test")).isEqualTo("jarque-bera");
        assertThat(profile.getList("pearson.columns")).hasSize(catalog.require(EdaTestProfile.PIPELINE)
                .featureNames().size() + 1);
    }

    @Test
    void theWholeTopicIsProfiledWithoutARange() {
        publishOnce();
        given().get("/v1/pipelines/{p}/profile", EdaTestProfile.PIPELINE).then().statusCode(200)
                .body("rows", is(300));
        given().get("/v1/pipelines/{p}/profile.html", EdaTestProfile.PIPELINE).then().statusCode(200)
                .contentType(containsString("text/html")).body(containsString("<svg class=\"chart heatmap\""));
    }

    @Test
    void anUploadedCsvIsProfiledAsJsonAndAsHtml() throws IOException {
        byte[] csv = resource("/eda/profile.csv");

        given().contentType("text/csv").queryParam("label", "label").body(csv).post("/v1/profile")
                .then().statusCode(200)
                .body("rows", is(400))
                .body("columns.find { it.name == 'merchant' }.kind", is("text"))
                .body("collinearPairs[0].first", is("amount"))
                .body("label.positives", is(38));

        String html = given().contentType("text/csv").queryParam("label", "label").queryParam("format", "html")
                .body(csv).post("/v1/profile")
                .then().statusCode(200).contentType(containsString("text/html")).extract().asString();
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg class=\"chart histogram\"")
                .contains("<svg class=\"chart boxplot\"").contains("class=\"legend\"").doesNotContain("<script")
                .doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void badRequestsAreRefusedWithTheReason() {
        given().queryParam("from", "yesterday").get("/v1/pipelines/{p}/profile", EdaTestProfile.PIPELINE)
                .then().statusCode(400).body("message", containsString("from 'yesterday' is not an ISO-8601 instant"));
        given().queryParam("format", "pdf").get("/v1/pipelines/{p}/profile", EdaTestProfile.PIPELINE)
                .then().statusCode(400).body("message", containsString("format 'pdf'"));
        given().get("/v1/pipelines/{p}/profile", "no-such-pipeline").then().statusCode(404);
        given().contentType("text/csv").body("a,b\n1,2\n3\n").post("/v1/profile")
                .then().statusCode(400).body("message", containsString("has 1 cells but the header has 2"));
        given().contentType("text/csv").queryParam("label", "fraud").body("a,b\n1,2\n").post("/v1/profile")
                .then().statusCode(400).body("message", containsString("label column 'fraud' is not in the CSV header"));
    }

    @Test
    void sqlRunsOverASnapshotOfTheExamples() {
        // Given the 300 examples
        publishOnce();

        // When SQL asks for the missing amounts of day 3
        given().contentType("application/json")
                .body(Map.of("sql", "SELECT count(*) AS missing FROM data WHERE tx_amount IS NULL",
                        "from", DAY_ONE.plus(2, ChronoUnit.DAYS).toString()))
                .post("/v1/pipelines/{p}/sql", EdaTestProfile.PIPELINE)
                // Then DuckDB answers with columns and rows
                .then().statusCode(200)
                .body("columns[0].name", is("missing"))
                .body("rows[0][0]", is(10))
                .body("snapshotRows", is(100))
                .body("truncated", is(false));

        // and the row limit is applied and reported
        given().contentType("application/json")
                .body(Map.of("sql", "SELECT event_id, tx_fraud FROM data ORDER BY event_time", "maxRows", 5))
                .post("/v1/pipelines/{p}/sql", EdaTestProfile.PIPELINE)
                .then().statusCode(200).body("rows.size()", is(5)).body("truncated", is(true))
                .body("rows[0][0]", is("eda-0-0"));
    }

    @Test
    void aCleaningPlanIsPreviewedForTheExamples() {
        // Given the 300 examples, 10 of them without tx_amount
        publishOnce();

        // When the plan to impute NULLs and drop rows beyond the IQR fences is asked for
        JsonPath preview = given().queryParam("nulls", "impute_median").queryParam("outliers", "drop_rows")
                .get("/v1/pipelines/{p}/cleaning-plan", EdaTestProfile.PIPELINE)
                .then().statusCode(200).extract().jsonPath();

        // Then tx_amount's NULLs are imputed with its median, and the plan says what it would do
        assertThat(preview.getString("plan.steps.find { it.action == 'impute' }.column")).isEqualTo("tx_amount");
        assertThat(preview.getLong("imputedValues")).isEqualTo(10);
        assertThat(preview.getLong("rowsBefore")).isEqualTo(300);
        assertThat(preview.getLong("rowsAfter")).isEqualTo(300 - preview.getLong("droppedRows"));
        given().queryParam("nulls", "guess").get("/v1/pipelines/{p}/cleaning-plan", EdaTestProfile.PIPELINE)
                .then().statusCode(400).body("message", containsString("nulls 'guess' is not one of"));
    }

    @Test
    void sqlThatWritesIsRefusedWith400() {
        publishOnce();
        given().contentType("application/json").body(Map.of("sql", "DELETE FROM data WHERE tx_fraud = 1"))
                .post("/v1/pipelines/{p}/sql", EdaTestProfile.PIPELINE)
                .then().statusCode(400)
                .body("message", containsString("only read-only queries are allowed"))
                .body("message", containsString("'DELETE' statements are refused"));
        given().contentType("application/json").body(Map.of("sql", "SELECT * FROM read_csv('/etc/passwd')"))
                .post("/v1/pipelines/{p}/sql", EdaTestProfile.PIPELINE)
                .then().statusCode(400).body("message", containsString("the query failed"));
        given().contentType("application/json").body(Map.of("sql", "SELECT 1", "maxRows", 0))
                .post("/v1/pipelines/{p}/sql", EdaTestProfile.PIPELINE)
                .then().statusCode(400).body("message", containsString("maxRows 0 is not between 1 and 10000"));
    }

    @Test
    void sqlRunsOverAnUploadedCsv() throws IOException {
        given().contentType("text/csv").queryParam("sql", "SELECT merchant, count(*) AS n FROM data"
                        + " GROUP BY merchant ORDER BY n DESC LIMIT 1")
                .body(resource("/eda/profile.csv")).post("/v1/sql")
                .then().statusCode(200).body("rows[0][0]", is("grocery")).body("rows[0][1]", is(206));
        given().contentType("text/csv").queryParam("sql", "DROP TABLE data").body("a\n1\n").post("/v1/sql")
                .then().statusCode(400).body("message", containsString("'DROP' statements are refused"));
    }

    private synchronized void publishOnce() {
        if (published) {
            return;
        }
        List<String> features = catalog.require(EdaTestProfile.PIPELINE).featureNames();
        List<ExampleLabelled> examples = new ArrayList<>();
        for (int day = 0; day < 3; day++) {
            for (int i = 0; i < 100; i++) {
                boolean positive = i % 5 == 0;
                Map<String, Double> values = new HashMap<>();
                for (String feature : features) {
                    values.put(feature, (double) (i % 7));
                }
                values.put("tx_amount", positive ? 1000.0 + i : 10.0 + i);
                if (day == 2 && i % 10 == 1) {
                    values.remove("tx_amount");
                }
                Instant time = DAY_ONE.plus(day, ChronoUnit.DAYS).plusSeconds(60L * i);
                String id = "eda-" + day + "-" + i;
                examples.add(new ExampleLabelled(UUID.randomUUID().toString(), ExampleLabelled.SCHEMA_VERSION,
                        EdaTestProfile.PIPELINE, id, time, values, positive ? 1 : 0, time.plusSeconds(3600)));
            }
        }
        Topic<String, ExampleLabelled> topic = Topics.examples(EdaTestProfile.PIPELINE);
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, ExampleLabelled> producer = new KafkaProducer<>(config,
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            for (ExampleLabelled example : examples) {
                producer.send(new ProducerRecord<>(topic.name(), example.sourceEventId(), example));
            }
            producer.flush();
        }
        published = true;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ProfileResourceTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
