package dev.flywheel.ingest.source;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.eclipse.microprofile.config.ConfigProvider;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.contracts.event.RecordRejected;
import dev.flywheel.contracts.event.SourcePositionSaved;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.spec.ApiCursor;
import dev.flywheel.contracts.spec.ApiPageSize;
import dev.flywheel.contracts.spec.HttpApiSource;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.runtime.PipelineCatalog;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Source runners against a real HTTP server on loopback and the real broker: every record published once, in one
 * transaction with the position, across a restart and a takeover by a second instance; the HTTP endpoints.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class SourceRunnerTest {

    private static final String PIPELINE = "card-fraud";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    SourceSupervisor supervisor;

    @Inject
    PipelineCatalog catalog;

    private final TestSite site = new TestSite();

    @AfterEach
    void stopSite() {
        site.close();
    }

    @Test
    void afterARestartEachRecordIsOnTheEventsTopicExactlyOnce() {
        // Given an API with 5 transactions, 2 per page, one of them invalid
        String prefix = UUID.randomUUID().toString();
        site.addTransactions(prefix, 1, 2);
        ObjectNode bad = TestSite.transaction(prefix + "-bad", -5);
        site.transactions.add(bad);
        site.addTransactions(prefix, 4, 5);
        HttpApiSource source = apiSource("api-" + prefix.substring(0, 8));
        PipelineSpec pipeline = catalog.require(PIPELINE);

        // When a runner reads it all and is stopped
        SourceRunner first = supervisor.newRunner(pipeline, source);
        first.start();
        await().atMost(WAIT).until(() -> idleWith(first, 5));
        first.stop();

        // And records are added while no runner runs, then a new runner (a restarted service) starts
        site.addTransactions(prefix, 6, 8);
        SourceRunner second = supervisor.newRunner(pipeline, source);
        second.start();
        try {
            await().atMost(WAIT).until(() -> idleWith(second, 3));

            // Then the committed events hold each valid record exactly once, the invalid one is on rejected
            Map<String, Long> counts = CommittedRecords.of(Topics.events(PIPELINE)).stream()
                    .map(EventIngested::eventId).filter(id -> id.startsWith(prefix))
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(counts).containsOnlyKeys(List.of(prefix + "-1", prefix + "-2", prefix + "-4", prefix + "-5",
                    prefix + "-6", prefix + "-7", prefix + "-8"));
            assertThat(counts.values()).containsOnly(1L);
            List<RecordRejected> rejected = CommittedRecords.of(Topics.rejected(PIPELINE)).stream()
                    .filter(r -> r.raw().contains(prefix)).toList();
            assertThat(rejected).singleElement().satisfies(r -> {
                assertThat(r.raw()).contains(prefix + "-bad");
                assertThat(r.source()).isEqualTo("source:" + source.name());
                assertThat(r.violations()).anySatisfy(v -> assertThat(v.field()).isEqualTo("tx_amount"));
            });
            // And the second runner asked only for the pages from where the first one stopped (page 3 onwards)
            assertThat(site.requests("/api/tx")).extracting(TestSite.Request::query)
                    .containsExactly("page=1&limit=2", "page=2&limit=2", "page=3&limit=2",
                            "page=3&limit=2", "page=4&limit=2", "page=5&limit=2");
            // And the committed position is the last one
            List<SourcePositionSaved> positions = CommittedRecords.of(Topics.sourcePositions()).stream()
                    .filter(p -> p.source().equals(source.name())).toList();
            assertThat(positions).last().satisfies(p -> assertThat(p.position()).isEqualTo("{\"page\":5,\"skip\":0}"));
        } finally {
            second.stop();
        }
    }

    @Test
    void thePositionsTopicIsCompacted() throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.sourcePositions().name());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Config config = admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic);
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");
        }
    }

    @Test
    void aSecondInstanceOfTheSameSourceFencesTheFirst() {
        // Given a runner that has published a batch
        String prefix = UUID.randomUUID().toString();
        site.addTransactions(prefix, 1, 2);
        HttpApiSource source = apiSource("fence-" + prefix.substring(0, 8));
        PipelineSpec pipeline = catalog.require(PIPELINE);
        SourceRunner first = supervisor.newRunner(pipeline, source);
        first.start();
        await().atMost(WAIT).until(() -> idleWith(first, 2));

        // When another instance starts the same source, and the first polls again
        SourceRunner second = supervisor.newRunner(pipeline, source);
        second.start();
        try {
            await().atMost(WAIT).until(() -> second.status().state().equals("idle"));
            site.addTransactions(prefix, 3, 3);
            first.pollNow();

            // Then the first is fenced and stops; the second publishes the new record
            await().atMost(WAIT).until(() -> first.status().state().equals("fenced"));
            assertThat(first.status().lastError()).startsWith("fenced: another instance runs this source");
            second.pollNow();
            await().atMost(WAIT).until(() -> second.status().read() == 1);
            long copies = CommittedRecords.of(Topics.events(PIPELINE)).stream()
                    .filter(e -> e.eventId().startsWith(prefix)).count();
            assertThat(copies).isEqualTo(3);
        } finally {
            first.stop();
            second.stop();
        }
    }

    @Test
    void aSourceDeclaredOverHttpRunsShowsItsStatusAndPollsOnDemand() throws Exception {
        // Given a web page with one transaction, declared as a source of the pipeline over HTTP
        String prefix = UUID.randomUUID().toString();
        site.addTransactions(prefix, 1, 1);
        String name = "web-" + prefix.substring(0, 8);
        ObjectNode declaration = Json.mapper().createObjectNode();
        declaration.put("name", name).put("type", "web_page").put("url", site.base() + "/shop/list.html")
                .put("select", "li.tx").put("interval", "1h").put("minDelay", "0ms");
        declaration.putObject("fields").put("transaction_id", "@data-id").put("tx_datetime", "span.when")
                .put("customer_id", "span.customer").put("terminal_id", "span.terminal").put("tx_amount", "span.amount");

        given().contentType(ContentType.JSON).body(declaration.toString())
                .post("/v1/pipelines/{p}/sources", PIPELINE)
                .then().statusCode(201).body("name", is(name)).body("type", is("web_page"));

        // Then it is read at once, and its status says so
        await().atMost(WAIT).until(() -> supervisor.runner(PIPELINE, name).orElseThrow().status().accepted() == 1);
        given().get("/v1/pipelines/{p}/sources", PIPELINE).then().statusCode(200)
                .body("find { it.name == '" + name + "' }.state", is("idle"))
                .body("find { it.name == '" + name + "' }.accepted", is(1))
                .body("find { it.name == '" + name + "' }.position", containsString(prefix + "-1"));

        // When a transaction is added and a poll asked for (the interval is an hour)
        site.addTransactions(prefix, 2, 2);
        given().post("/v1/pipelines/{p}/sources/{s}/poll", PIPELINE, name).then().statusCode(202);

        // Then only the new one is published
        await().atMost(WAIT).until(() -> supervisor.runner(PIPELINE, name).orElseThrow().status().accepted() == 2);
        assertThat(CommittedRecords.of(Topics.events(PIPELINE)).stream().map(EventIngested::eventId)
                .filter(id -> id.startsWith(prefix))).containsExactlyInAnyOrder(prefix + "-1", prefix + "-2");
    }

    @Test
    void aBadDeclarationIsRefusedWithEveryProblemAndUnknownSourcesAre404() {
        given().contentType(ContentType.JSON).body("{\"name\": \"Bad Name\", \"type\": \"web_page\"}")
                .post("/v1/pipelines/{p}/sources", PIPELINE)
                .then().statusCode(400)
                .body("problems", hasItem(containsString("name: a source name is lower-case letters")))
                .body("problems", hasItem(containsString("url: required key is missing")));
        given().post("/v1/pipelines/{p}/sources/{s}/poll", PIPELINE, "no-such-source").then().statusCode(404);
        given().get("/v1/pipelines/{p}/sources", "no-such-pipeline").then().statusCode(404);
    }

    private HttpApiSource apiSource(String name) {
        return new HttpApiSource(name, Duration.ofHours(1), site.base() + "/api/tx", Optional.of("/data/items"),
                Map.of(), Optional.of(new ApiCursor.PageNumbers("page", 1)), Optional.of(new ApiPageSize("limit", 2)),
                3);
    }

    private static boolean idleWith(SourceRunner runner, long read) {
        SourceStatus status = runner.status();
        return status.state().equals("idle") && status.read() == read;
    }
}
