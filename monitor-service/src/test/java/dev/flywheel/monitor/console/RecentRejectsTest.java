package dev.flywheel.monitor.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.RecordRejected;
import dev.flywheel.contracts.spec.FieldViolation;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.runtime.TopicPublisher;
import dev.flywheel.testing.PoisonRecords;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * {@code GET /v1/pipelines/{p}/rejects} against the real broker: the newest rejections of the pipeline's rejected
 * topic, newest first, with their violations; an unreadable record counted, not fatal; bad limits refused.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class RecentRejectsTest {

    private static final String P = "card-fraud";

    @Inject
    TopicPublisher publisher;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void theNewestRejectionsComeNewestFirstWithFieldRuleValueAndSource() {
        // Given five rejections from a Kafka source, one with a raw record longer than the answer keeps, then garbage
        Instant base = Instant.now().plusSeconds(3600);
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String raw = i == 4 ? "{\"transaction_id\":\"" + run + "-4\",\"pad\":\"" + "x".repeat(2000) + "\"}"
                    : "{\"transaction_id\":\"" + run + "-" + i + "\",\"tx_amount\":-" + i + "}";
            sent.add(publisher.publish(Topics.rejected(P), run + "-" + i, new RecordRejected(run + "-r" + i,
                    RecordRejected.SCHEMA_VERSION, P, "event", "kafka", base.plusMillis(i), raw,
                    List.of(new FieldViolation("tx_amount", FieldViolation.MIN, "must be >= 0 but was -" + i,
                            DoubleNode.valueOf(-i)), new FieldViolation("customer_id", FieldViolation.REQUIRED,
                            "is required", TextNode.valueOf(run))))).toCompletableFuture());
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        PoisonRecords.produce(Topics.rejected(P), run + "-garbage", PoisonRecords.garbage(run));

        // When the newest three are asked for
        JsonPath page = given().get("/v1/pipelines/{p}/rejects?limit=3", P).then().statusCode(200).extract()
                .jsonPath();

        // Then they are the last three sent, newest first, each with its source and every violation
        assertThat(page.getString("topic")).isEqualTo(Topics.rejected(P).name());
        assertThat(page.getList("records")).hasSize(3);
        assertThat(page.getString("records[0].raw")).contains(run + "-4").endsWith("...").hasSize(503);
        assertThat(page.getString("records[1].raw")).contains(run + "-3");
        assertThat(page.getString("records[2].raw")).contains(run + "-2");
        assertThat(page.getString("records[1].source")).isEqualTo("kafka");
        assertThat(page.getString("records[1].kind")).isEqualTo("event");
        assertThat(page.getList("records[1].violations.field")).containsExactly("tx_amount", "customer_id");
        assertThat(page.getList("records[1].violations.rule")).containsExactly("min", "required");
        assertThat(page.getString("records[1].violations[0].reason")).isEqualTo("must be >= 0 but was -3");
        assertThat(page.getDouble("records[1].violations[0].value")).isEqualTo(-3.0);
        assertThat(Instant.parse(page.getString("records[1].rejectedAt"))).isEqualTo(base.plusMillis(3));
        // and the garbage after them is counted as unreadable rather than failing the page
        assertThat(page.getInt("unreadable")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aLimitOutsideOneToFiveHundredIsRefusedNamingItAndAnUnknownPipelineIs404() {
        given().get("/v1/pipelines/{p}/rejects?limit=0", P).then().statusCode(400).body(containsString("limit"));
        given().get("/v1/pipelines/{p}/rejects?limit=501", P).then().statusCode(400).body(containsString("limit"));
        given().get("/v1/pipelines/{p}/rejects", "no-such-pipeline").then().statusCode(404);
    }
}
