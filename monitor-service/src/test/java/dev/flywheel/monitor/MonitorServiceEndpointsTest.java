package dev.flywheel.monitor;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;

import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.testing.ServiceEndpointsTestBase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class MonitorServiceEndpointsTest extends ServiceEndpointsTestBase {

    /** The monitor is ready once its feed has read the models topic, which may take a moment after start. */
    @BeforeEach
    void awaitReadiness() {
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/q/health/ready").statusCode() == 200);
    }
}
