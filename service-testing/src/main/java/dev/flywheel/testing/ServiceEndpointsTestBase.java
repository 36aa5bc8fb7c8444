package dev.flywheel.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;

/**
 * What every Flywheel service promises an operator, checked against the running service and the
 * real broker: a health endpoint, a Prometheus endpoint, the demo pipeline loaded, and its topics
 * created. A service's test class extends this and adds {@code @QuarkusTest}.
 */
public abstract class ServiceEndpointsTestBase {

    protected static final String DEMO_PIPELINE = "card-fraud";

    @Test
    void readinessReportsUpWithTheKafkaCheck() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItem("Kafka connection health check"));
    }

    @Test
    void prometheusEndpointServesJvmAndHttpMetrics() {
        given().get("/v1/pipelines").then().statusCode(200);

        given().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("# TYPE jvm_memory_used_bytes gauge"))
                .body(containsString("http_server_requests_seconds_count"));
    }

    @Test
    void theDemoPipelineIsLoadedFromTheSharedSpecFolder() {
        given().get("/v1/pipelines")
                .then().statusCode(200)
                .body("name", hasItem(DEMO_PIPELINE));

        given().get("/v1/pipelines/no-such-pipeline")
                .then().statusCode(404);
    }

    @Test
    void theDemoPipelineTopicsExistOnTheBroker() throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);

            assertThat(names).containsAll(Topics.forPipeline(DEMO_PIPELINE).stream().map(Topic::name).toList());
            assertThat(names).containsAll(Topics.platform().stream().map(Topic::name).toList());
        }
    }
}
