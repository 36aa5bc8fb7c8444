package dev.flywheel.ingest.source;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The sources a spec declares run from service start: {@code source-pipelines/pulled.yaml} names an API and a web
 * page on a loopback server, whose address reaches the spec through a {@code ${FLYWHEEL_TEST_SITE}} reference.
 */
@QuarkusTest
@TestProfile(SpecSourcesStartTest.WithSourcePipelines.class)
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class SpecSourcesStartTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    SourceSupervisor supervisor;

    @Test
    void everyDeclaredSourceIsReadFromStart() {
        // Then both sources have read the site's 3 transactions without being asked
        await().atMost(WAIT).until(() -> supervisor.runners("pulled").size() == 2
                && supervisor.runners("pulled").stream().allMatch(r -> r.status().accepted() == 3
                && r.status().state().equals("idle")));
        given().get("/v1/pipelines/{p}/sources", "pulled").then().statusCode(200)
                .body("name", containsInAnyOrder("partner-api", "shop"))
                .body("type", containsInAnyOrder("http_api", "web_page"));

        List<String> sources = CommittedRecords.of(Topics.events("pulled")).stream().map(EventIngested::source).toList();
        assertThat(sources).containsOnly("source:partner-api", "source:shop").hasSize(6);
        // And the spec kept the reference: the resolved address is only in the requests
        assertThat(supervisor.runner("pulled", "shop").orElseThrow().source().toString())
                .contains("${FLYWHEEL_TEST_SITE}/shop/list.html");
    }

    /** The test's own pipelines folder, and the site started before the service. */
    public static class WithSourcePipelines implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("flywheel.pipelines-dir", "src/test/resources/source-pipelines");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SiteResource.class));
        }
    }

    /** Starts the loopback site with 3 transactions and tells the spec's reference where it is. */
    public static class SiteResource implements QuarkusTestResourceLifecycleManager {

        private TestSite site;

        @Override
        public Map<String, String> start() {
            site = new TestSite();
            site.addTransactions("pulled", 1, 3);
            System.setProperty("FLYWHEEL_TEST_SITE", site.base());
            return Map.of();
        }

        @Override
        public void stop() {
            System.clearProperty("FLYWHEEL_TEST_SITE");
            site.close();
        }
    }
}
