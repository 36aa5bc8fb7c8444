package dev.flywheel.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.spec.ElementValue;
import dev.flywheel.contracts.spec.EventSchema;
import dev.flywheel.contracts.spec.PipelineSpecs;
import dev.flywheel.contracts.spec.WebPageSource;
import dev.flywheel.ingest.source.pull.PullBatch;
import dev.flywheel.ingest.source.web.HostPacer;
import dev.flywheel.ingest.source.web.PageReader;
import dev.flywheel.ingest.source.web.RobotsRules;

/** {@link PageReader} against a real HTTP server on loopback serving HTML and robots.txt ({@link TestSite}). */
class PageReaderTest {

    private static final EventSchema SCHEMA = PipelineSpecs.load(Path.of("..", "pipelines", "card-fraud.yaml")).schema();

    private final TestSite site = new TestSite();
    private final HttpFetcher http = new HttpFetcher(Duration.ofSeconds(5),
            new Backoff(Duration.ofMillis(20), Duration.ofMillis(100)));
    private final HostPacer pacer = new HostPacer();
    private final RobotsRules robots = new RobotsRules(http, pacer, Duration.ofMinutes(10), Clock.systemUTC());

    @AfterEach
    void stopSite() {
        site.close();
    }

    @Test
    void eachMatchIsARecordAndScrapingAgainEmitsOnlyNewOnes() throws Exception {
        // Given a page listing 2 transactions
        site.addTransactions("w", 1, 2);
        PageReader reader = reader("/shop/list.html", Duration.ZERO);

        // When
        PullBatch first = reader.read(Optional.empty());

        // Then one record per <li>, numbers as numbers (the schema says tx_amount is a number), links absolute
        assertThat(first.records()).hasSize(2);
        assertThat(first.records().get(0).toString()).isEqualTo("{\"transaction_id\":\"w-1\","
                + "\"tx_datetime\":\"2018-04-01T00:07:56Z\",\"customer_id\":\"758\",\"terminal_id\":\"3156\","
                + "\"tx_amount\":11.0,\"link\":\"" + site.base() + "/tx/w-1\"}");
        assertThat(first.exhausted()).isTrue();

        // When the page gains a transaction and is scraped again from the saved position
        site.addTransactions("w", 3, 3);
        PullBatch second = reader.read(first.position());
        PullBatch third = reader.read(second.position());

        // Then only the new one, and after that nothing
        assertThat(second.records()).extracting(r -> r.get("transaction_id").asText()).containsExactly("w-3");
        assertThat(third.records()).isEmpty();
        assertThat(third.position()).isEmpty();
        assertThat(site.requests("/shop/list.html")).extracting(TestSite.Request::userAgent)
                .containsOnly("FlywheelBot/0.1");
    }

    @Test
    void aPathThatRobotsTxtDisallowsIsNeverRequested() throws Exception {
        // Given robots.txt disallowing /private/ for every agent
        site.addTransactions("x", 1, 1);
        PageReader reader = reader("/private/list.html", Duration.ZERO);

        // When / Then the read fails with the reason, twice (the rules are cached, robots.txt asked once)
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> reader.read(Optional.empty())).isInstanceOf(SourceUnavailable.class)
                    .hasMessage("robots.txt of 127.0.0.1 disallows " + site.base() + "/private/list.html for"
                            + " FlywheelBot/0.1");
        }
        assertThat(site.requests("/robots.txt")).hasSize(1);
        assertThat(site.requests("/private/list.html")).isEmpty();
        // And an allowed page of the same host is read
        assertThat(reader("/shop/list.html", Duration.ZERO).read(Optional.empty()).records()).hasSize(1);
    }

    @Test
    void requestsToOneHostAreSpacedByTheMinimumDelay() throws Exception {
        // Given a minimum delay of 300 ms between requests to the host
        Duration minDelay = Duration.ofMillis(300);
        site.addTransactions("y", 1, 1);
        PageReader reader = reader("/shop/list.html", minDelay);

        // When it is read three times as fast as the caller can (robots.txt once, the page three times)
        for (int read = 0; read < 3; read++) {
            reader.read(Optional.empty());
        }

        // Then the server saw 4 requests, each at least the delay after the one before, by the server's own clock
        List<TestSite.Request> log = site.log;
        assertThat(log).extracting(TestSite.Request::path)
                .containsExactly("/robots.txt", "/shop/list.html", "/shop/list.html", "/shop/list.html");
        for (int i = 1; i < log.size(); i++) {
            long gapMillis = (log.get(i).nanos() - log.get(i - 1).nanos()) / 1_000_000;
            assertThat(gapMillis).as("gap before request %d", i).isGreaterThanOrEqualTo(minDelay.toMillis());
        }
    }

    @Test
    void aSelectorThatDoesNotParseIsRefusedWhenTheReaderIsMade() {
        WebPageSource source = new WebPageSource("shop", Duration.ofSeconds(30), site.base() + "/shop/list.html",
                "li[[", Map.of("transaction_id", new ElementValue("", Optional.of("data-id"))), "FlywheelBot/0.1",
                Duration.ZERO);

        assertThatThrownBy(() -> new PageReader(source, SCHEMA, http, pacer, robots, seen()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("select: not a CSS selector: 'li[['");
    }

    private PageReader reader(String path, Duration minDelay) {
        Map<String, ElementValue> fields = new LinkedHashMap<>();
        fields.put("transaction_id", new ElementValue("", Optional.of("data-id")));
        fields.put("tx_datetime", new ElementValue("span.when", Optional.empty()));
        fields.put("customer_id", new ElementValue("span.customer", Optional.empty()));
        fields.put("terminal_id", new ElementValue("span.terminal", Optional.empty()));
        fields.put("tx_amount", new ElementValue("span.amount", Optional.empty()));
        fields.put("link", new ElementValue("a.more", Optional.of("href")));
        WebPageSource source = new WebPageSource("shop", Duration.ofSeconds(30), site.base() + path, "li.tx", fields,
                WebPageSource.DEFAULT_USER_AGENT, minDelay);
        return new PageReader(source, SCHEMA, http, pacer, robots, seen());
    }

    private static SeenRecords seen() {
        return new SeenRecords(new RecordIdentity("transaction_id"), 100);
    }
}
