package dev.flywheel.feature;

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
 * Properties of feature-service's REST endpoints (none reads a body; all read path and query values), over real
 * HTTP against the running service: hostile entity names and values, export ranges and formats never get a 5xx,
 * every 4xx says in JSON what was wrong, nothing hangs, and the statistics still answer afterwards.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class HostileQueryPropertiesTest {

    private static final String P = "v1/pipelines/card-fraud/";

    @TestHTTPResource("/")
    URI base;

    @Test
    void hostilePathAndQueryValuesNeverGetAServerError() {
        BadInputClient client = new BadInputClient(base);

        properties().forAll(AdversarialBodies.queryValues(), Generate.pick(List.of(
                P + "features/customer_id/", P + "features/terminal_id/", P + "features/tx_amount/",
                P + "features?customer_id=", P + "features?terminal_id=1&customer_id=", P + "features?nobody=",
                P + "examples/export?from=", P + "examples/export?to=", P + "examples/export?format=",
                P + "stats?x=", "v1/pipelines/"))).checkAssert((value, path) -> {
                    // a value in a path segment must not be empty (that is another route)
                    String target = path.endsWith("/") && value.isEmpty() ? path + "%20" : path + value;
                    assertNoServerError(client.get(target), target);
                });

        // Then the service still answers
        Answer stats = client.get(P + "stats");
        assertThat(stats.status()).as("%s", stats).isEqualTo(200);
    }
}
