package dev.flywheel.training;

import static dev.flywheel.testing.badinput.BadInputClient.assertNoServerError;
import static dev.flywheel.testing.badinput.BadInputRuns.properties;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

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

/**
 * Properties of every training endpoint that reads a body or free-form parameters, over real HTTP against the
 * running service: hostile bodies (see {@link AdversarialBodies}) at the SQL box (pipeline and uploaded CSV), alias
 * moves and rollbacks, model import, and the uploaded-CSV profile, and hostile query values at the profile, cleaning
 * plan and training trigger, never get a 5xx; every 4xx says in JSON what was wrong, nothing hangs, and the service
 * still answers a valid request afterwards.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class HostileRequestPropertiesTest {

    private static final String PIPELINE = "card-fraud";
    /** quarkus.http.limits.max-body-size's default (this service sets none). */
    private static final int BODY_LIMIT = 10 * 1024 * 1024;
    private static final String CSV = "tx_amount,tx_fraud,city\n12.5,0,Lyon\n99,1,Nice\n3.25,0,\n";

    @TestHTTPResource("/")
    URI base;

    private BadInputClient client;

    @BeforeEach
    void client() {
        client = new BadInputClient(base);
    }

    @AfterEach
    void aValidRequestIsStillAnswered() {
        Answer answer = client.send("POST", "v1/sql?sql=SELECT%20count(*)%20AS%20n%20FROM%20data",
                Payload.text("valid", CSV, "text/csv"));
        assertThat(answer.status()).as("a valid SQL query after the bad ones: %s", answer).isEqualTo(200);
    }

    @Test
    void hostileSqlRequestsNeverGetAServerError() {
        ObjectNode request = Json.mapper().createObjectNode().put("sql", "SELECT count(*) FROM data")
                .put("from", "2018-04-01T00:00:00Z").put("to", "2018-05-01T00:00:00Z").put("maxRows", 10)
                .put("timeoutSeconds", 5);

        properties().forAll(AdversarialBodies.json(request, BODY_LIMIT)).checkAssert(body ->
                assertNoServerError(client.send("POST", "v1/pipelines/" + PIPELINE + "/sql", body), body));
    }

    @Test
    void hostileCsvUploadsToTheSqlBoxAndTheProfileNeverGetAServerError() {
        // Each try loads the CSV twice (DuckDB, the profiler): fewer tries and lines of at most 512 KiB keep it short
        Gen<Payload> csv = AdversarialBodies.lines(CSV, "text/csv", 1024 * 1024);

        properties(40).forAll(csv).checkAssert(body -> {
            assertNoServerError(client.send("POST", "v1/sql?sql=SELECT%20*%20FROM%20data", body), body);
            assertNoServerError(client.send("POST", "v1/profile?label=tx_fraud", body), body);
        });
    }

    @Test
    void hostileAliasMovesAndRollbacksNeverGetAServerError() {
        // Versions that do not exist: a mutation that keeps the body valid is refused 422 (unknown version) or 409
        ObjectNode move = Json.mapper().createObjectNode().put("version", "987654").put("reason", "fuzz")
                .put("actor", "property-test");

        properties().forAll(AdversarialBodies.json(move, BODY_LIMIT), Generate.pick(java.util.List.of("champion",
                "challenger", "nonsense"))).checkAssert((body, alias) -> {
                    assertNoServerError(client.send("PUT", "v1/pipelines/" + PIPELINE + "/aliases/" + alias, body), body);
                    assertNoServerError(client.send("POST", "v1/pipelines/" + PIPELINE + "/aliases/champion/rollback",
                            body), body);
                });
    }

    @Test
    void hostileModelImportsNeverGetAServerError() {
        Gen<Payload> models = Generate.oneOf(AdversarialBodies.randomBytes("application/octet-stream"),
                AdversarialBodies.randomBytes("application/onnx"));

        properties(40).forAll(models, AdversarialBodies.queryValues()).checkAssert((model, features) ->
                assertNoServerError(client.send("POST", "v1/pipelines/" + PIPELINE + "/models/import?features="
                        + features + "&name=fuzz", model), model));
    }

    @Test
    void hostileQueryValuesNeverGetAServerError() {
        properties().forAll(AdversarialBodies.queryValues(), Generate.pick(java.util.List.of(
                "v1/pipelines/" + PIPELINE + "/profile?format=json&from=",
                "v1/pipelines/" + PIPELINE + "/profile?to=",
                "v1/pipelines/" + PIPELINE + "/profile?format=",
                "v1/pipelines/" + PIPELINE + "/cleaning-plan?nulls=",
                "v1/pipelines/" + PIPELINE + "/cleaning-plan?outliers=",
                "v1/pipelines/" + PIPELINE + "/cleaning-plan?dropCollinear=",
                "v1/pipelines/" + PIPELINE + "/aliases/champion/history?x=",
                "v1/pipelines/"))).checkAssert((value, path) ->
                assertNoServerError(client.get(path + value), path + value));
    }

    @Test
    void aBodyPastTheLimitIsRefusedWithoutBeingHeld() {
        Answer answer = client.sendLarge("POST", "v1/pipelines/" + PIPELINE + "/models/import?features=tx_amount",
                "application/octet-stream", 24L * 1024 * 1024);

        assertThat(answer.status()).as("%s", answer).isEqualTo(413);
    }
}
