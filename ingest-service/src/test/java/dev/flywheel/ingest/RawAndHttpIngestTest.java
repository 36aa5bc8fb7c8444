package dev.flywheel.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.contracts.event.LabelReceived;
import dev.flywheel.contracts.event.RecordRejected;
import dev.flywheel.contracts.spec.FieldViolation;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Records reach the pipeline's topics through the real broker, whether produced to the raw topic by
 * a plain Kafka client or POSTed over HTTP; invalid ones land on the rejected topic with reasons.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class RawAndHttpIngestTest {

    private static final String PIPELINE = "card-fraud";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void eventsProducedByAnyKafkaClientAreValidatedLikeHttpOnes() throws Exception {
        String good = uniqueId();
        String bad = uniqueId();

        try (var producer = rawProducer()) {
            producer.send(new ProducerRecord<>(Topics.rawEvents(PIPELINE).name(), good, transaction(good, "57.16")))
                    .get(10, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(Topics.rawEvents(PIPELINE).name(), bad, transaction(bad, "-3")))
                    .get(10, TimeUnit.SECONDS);
        }

        try (var events = TopicProbe.of(Topics.events(PIPELINE));
             var rejected = TopicProbe.of(Topics.rejected(PIPELINE))) {
            EventIngested accepted = events.await(e -> e.eventId().equals(good), WAIT);
            assertThat(accepted.source()).isEqualTo("kafka");
            assertThat(accepted.eventTime()).isEqualTo(Instant.parse("2018-04-01T00:07:56Z"));
            assertThat(accepted.payload().get("tx_amount").decimalValue()).isEqualByComparingTo("57.16");

            RecordRejected refused = rejected.await(r -> r.raw().contains(bad), WAIT);
            assertThat(refused.kind()).isEqualTo("event");
            assertThat(refused.violations()).anySatisfy(v -> {
                assertThat(v.field()).isEqualTo("tx_amount");
                assertThat(v.rule()).isEqualTo("min");
                assertThat(v.value().asInt()).isEqualTo(-3);
            });
            assertThat(events.seen()).noneMatch(e -> e.eventId().equals(bad));
        }
    }

    @Test
    void aBatchOverHttpKeepsTheValidRecordsAndNamesTheFieldsOfTheInvalidOnes() {
        String good = uniqueId();
        String bad = uniqueId();
        String body = "[" + transaction(good, "12.5") + "," + transaction(bad, "\"lots\"").replace(
                "\"customer_id\":\"758\",", "") + "]";

        given().contentType(ContentType.JSON).body(body)
                .post("/v1/pipelines/{p}/events", PIPELINE)
                .then().statusCode(400)
                .body("accepted", is(1))
                .body("rejected", is(1))
                .body("results[0].status", is("accepted"))
                .body("results[0].eventId", is(good))
                .body("results[1].status", is("rejected"))
                .body("results[1].violations.field", hasItem("tx_amount"))
                .body("results[1].violations.field", hasItem("customer_id"));

        try (var events = TopicProbe.of(Topics.events(PIPELINE))) {
            assertThat(events.await(e -> e.eventId().equals(good), WAIT).source()).isEqualTo("http");
        }
    }

    @Test
    void aSingleValidEventIsAcceptedWith200() {
        String id = uniqueId();

        given().contentType(ContentType.JSON).body(transaction(id, "20"))
                .post("/v1/pipelines/{p}/events", PIPELINE)
                .then().statusCode(200).body("accepted", is(1)).body("results[0].eventId", is(id));
    }

    @Test
    void labelsAreKeyedByTheEventTheyLabel() {
        String id = uniqueId();

        given().contentType(ContentType.JSON)
                .body("{\"transaction_id\":\"" + id + "\",\"tx_fraud\":1,\"label_time\":\"2018-04-03T10:00:00Z\"}")
                .post("/v1/pipelines/{p}/labels", PIPELINE)
                .then().statusCode(200).body("accepted", is(1));
        given().contentType(ContentType.JSON).body("{\"transaction_id\":\"" + id + "\",\"tx_fraud\":\"maybe\"}")
                .post("/v1/pipelines/{p}/labels", PIPELINE)
                .then().statusCode(400).body("results[0].violations[0].field", is("tx_fraud"))
                .body("results[0].violations[0].rule", is("type"))
                .body("results[0].violations[0].value", is("maybe"));

        try (var labels = TopicProbe.of(Topics.labels(PIPELINE))) {
            LabelReceived label = labels.await(l -> l.targetEventId().equals(id), WAIT);
            assertThat(label.value()).isEqualTo(1.0);
            assertThat(label.labelTime()).isEqualTo(Instant.parse("2018-04-03T10:00:00Z"));
        }
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedWithTheParsersReason() {
        given().contentType(ContentType.JSON).body("{\"transaction_id\": ")
                .post("/v1/pipelines/{p}/events", PIPELINE)
                .then().statusCode(400)
                .body("results[0].violations[0].field", is("$"))
                .body("results[0].violations[0].rule", is("json"))
                .body("results[0].violations[0].reason", containsString("not valid JSON"));
    }

    @Test
    void anUnknownPipelineIs404() {
        given().contentType(ContentType.JSON).body("{}")
                .post("/v1/pipelines/{p}/events", "no-such-pipeline")
                .then().statusCode(404);
    }

    private static String uniqueId() {
        return UUID.randomUUID().toString();
    }

    @Test
    void aRawTopicOfNoLoadedPipelineIsDeadLetteredAndTheServiceGoesOn() throws Exception {
        // Given a raw topic that matches the pattern but names no loaded pipeline
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        String orphanTopic = "flywheel.no-such-pipeline.events.raw";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(orphanTopic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException exists) {
            assertThat(exists).hasCauseInstanceOf(TopicExistsException.class);
        }
        String orphan = uniqueId();
        String good = uniqueId();

        // When a record lands there, and a valid one on the pipeline's raw topic
        try (var producer = rawProducer()) {
            producer.send(new ProducerRecord<>(orphanTopic, orphan, transaction(orphan, "10"))).get(10, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(Topics.rawEvents(PIPELINE).name(), good, transaction(good, "12")))
                    .get(10, TimeUnit.SECONDS);
        }

        // Then the orphan is on the dead-letter topic with its reason, and the valid one went on
        try (KafkaConsumer<String, String> deadLetters = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, uniqueId(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
             var events = TopicProbe.of(Topics.events(PIPELINE))) {
            deadLetters.subscribe(List.of(Topics.deadLetter().name()));
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                deadLetters.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(r -> r.value().contains(orphan));
            });
            ConsumerRecord<String, String> dead = seen.stream().filter(r -> r.value().contains(orphan)).findFirst()
                    .orElseThrow();
            assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                    .contains("no pipeline spec for topic " + orphanTopic);
            assertThat(events.await(e -> e.eventId().equals(good), WAIT).source()).isEqualTo("kafka");
        }
    }

    @Test
    void aRawRecordsBytesBecomeThePayloadUnchangedAndTextAfterTheObjectIsRefused() throws Exception {
        // Given a valid event as its producer spaced it, and one with a second object after it
        String kept = uniqueId();
        String trailing = uniqueId();
        String spaced = transaction(kept, "57.160").replace(",", ", ");
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);

        // When both are produced to the raw topic
        try (var producer = rawProducer()) {
            producer.send(new ProducerRecord<>(Topics.rawEvents(PIPELINE).name(), kept, spaced)).get(10, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(Topics.rawEvents(PIPELINE).name(), trailing,
                    transaction(trailing, "12") + " {\"tx_amount\":1}")).get(10, TimeUnit.SECONDS);
        }

        // Then the accepted event carries the producer's text byte for byte, and the other is refused as not JSON
        try (KafkaConsumer<String, String> events = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, uniqueId(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
             var rejected = TopicProbe.of(Topics.rejected(PIPELINE))) {
            events.subscribe(List.of(Topics.events(PIPELINE).name()));
            List<String> seen = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                events.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
                return seen.stream().anyMatch(v -> v.contains(kept));
            });
            assertThat(seen).filteredOn(v -> v.contains(kept)).singleElement(as(InstanceOfAssertFactories.STRING))
                    .contains("\"payload\":" + spaced);

            RecordRejected refused = rejected.await(r -> r.raw().contains(trailing), WAIT);
            assertThat(refused.violations()).singleElement().satisfies(v -> {
                assertThat(v.rule()).isEqualTo(FieldViolation.JSON);
                assertThat(v.reason()).containsIgnoringCase("trailing");
            });
            assertThat(seen).noneMatch(v -> v.contains(trailing));
        }
    }

    @Test
    void anHttpBatchElementsBytesBecomeThePayloadUnchanged() throws Exception {
        // Given an array whose elements are spaced and number-formatted as their producer chose
        String first = uniqueId();
        String second = uniqueId();
        String spacedFirst = transaction(first, "1.50").replace(",", " , ");
        String spacedSecond = transaction(second, "2e1").replace("{", "{  ").replace("\"tx_amount\"", "\n\"tx_amount\"");
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);

        // When it is POSTed
        given().contentType(ContentType.JSON).body("[\n " + spacedFirst + ",\n " + spacedSecond + "\n]")
                .post("/v1/pipelines/{p}/events", PIPELINE)
                .then().statusCode(200).body("accepted", is(2));

        // Then each event on the topic carries its element's text byte for byte
        try (KafkaConsumer<String, String> events = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, uniqueId(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            events.subscribe(List.of(Topics.events(PIPELINE).name()));
            List<String> seen = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                events.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
                return seen.stream().anyMatch(v -> v.contains(first)) && seen.stream().anyMatch(v -> v.contains(second));
            });
            assertThat(seen).anySatisfy(v -> assertThat(v).contains("\"payload\":" + spacedFirst + "}"));
            assertThat(seen).anySatisfy(v -> assertThat(v).contains("\"payload\":" + spacedSecond + "}"));
        }
    }

    private static String transaction(String id, String amount) {
        return "{\"transaction_id\":\"" + id + "\",\"tx_datetime\":\"2018-04-01T00:07:56Z\","
                + "\"customer_id\":\"758\",\"terminal_id\":\"3156\",\"tx_amount\":" + amount + "}";
    }

    private static KafkaProducer<String, String> rawProducer() {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new StringSerializer());
    }
}
