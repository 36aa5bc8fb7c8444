package dev.flywheel.monitor;

import static dev.flywheel.testing.badinput.BadInputClient.assertNoServerError;
import static dev.flywheel.testing.badinput.BadInputRuns.properties;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.testing.badinput.AdversarialBodies;
import dev.flywheel.testing.badinput.Answer;
import dev.flywheel.testing.badinput.BadInputClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Properties of the monitor's REST endpoints (none reads a body; they read path and query values), over real HTTP
 * against the running service: hostile {@code since} and {@code version} values and pipeline names never get a 5xx,
 * every 4xx says in JSON what was wrong, nothing hangs, and quality still answers afterwards.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class HostileQueryPropertiesTest {

    private static final String P = "v1/pipelines/card-fraud/";

    @TestHTTPResource("/")
    URI base;

    @Test
    void hostileQueryValuesAndPipelineNamesNeverGetAServerError() {
        BadInputClient client = new BadInputClient(base);

        properties().forAll(AdversarialBodies.queryValues(), Generate.pick(List.of(
                P + "quality?since=", P + "quality?version=", P + "quality?since=P1D&version=", P + "drift?x=",
                P + "drift/data?x=", P + "health?x=", "v1/pipelines/"))).checkAssert((value, path) ->
                assertNoServerError(client.get(path + value), path + value));

        // Then the service still answers
        Answer quality = client.get(P + "quality");
        assertThat(quality.status()).as("%s", quality).isEqualTo(200);
    }
}
