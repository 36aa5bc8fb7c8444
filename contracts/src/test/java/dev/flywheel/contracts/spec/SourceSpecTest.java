package dev.flywheel.contracts.spec;

import static dev.flywheel.contracts.spec.TestSpecs.problemsOf;
import static dev.flywheel.contracts.spec.TestSpecs.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.MapperFeature;

import dev.flywheel.contracts.json.Json;

/**
 * The {@code sources} section: each type bound with its defaults, and each kind of mistake reported at its file
 * position. Sources are appended to {@code specs/minimal.yaml} (20 lines), so {@code sources:} is line 21 and the
 * first item line 22.
 */
class SourceSpecTest {

    private static String withSources(String... items) {
        return resource("minimal.yaml") + "sources:\n" + String.join("\n", items) + "\n";
    }

    @Test
    void everyTypeBindsWithItsDefaults() {
        // Given one source of each type, with only the required keys (plus a cursor and headers for the API)
        String yaml = withSources(
                "  - {name: orders, type: http_api, url: 'https://api.example.com/orders', records: /data/items,",
                "     headers: {Authorization: 'Bearer ${ORDERS_TOKEN}'}, cursor: {param: page, start: 1},",
                "     pageSize: {param: limit, value: 100}}",
                "  - {name: feed, type: http_api, url: '${FEED_BASE}/feed', cursor: {param: after, from: /next_cursor},",
                "     interval: 5m, retries: 0}",
                "  - {name: shop, type: web_page, url: 'https://shop.example.com/list', select: li.item,",
                "     fields: {id: '@data-id', amount: span.price, link: 'a.more@href'}}",
                "  - {name: ledger, type: jdbc, url: 'jdbc:postgresql://db:5432/x', user: '${DB_USER}',",
                "     password: '${DB_PASSWORD}', table: payments, watermark: updated_at, key: id}");

        // When
        List<SourceSpec> sources = PipelineSpecs.parse("sources.yaml", yaml).sources();

        // Then
        assertThat(sources).extracting(SourceSpec::name, SourceSpec::type).containsExactly(
                tuple("orders", SourceType.HTTP_API), tuple("feed", SourceType.HTTP_API),
                tuple("shop", SourceType.WEB_PAGE), tuple("ledger", SourceType.JDBC));
        HttpApiSource orders = (HttpApiSource) sources.get(0);
        assertThat(orders.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(orders.retries()).isEqualTo(5);
        assertThat(orders.records()).contains("/data/items");
        assertThat(orders.headers()).containsEntry("Authorization", "Bearer ${ORDERS_TOKEN}");
        assertThat(orders.cursor()).contains(new ApiCursor.PageNumbers("page", 1));
        assertThat(orders.pageSize()).contains(new ApiPageSize("limit", 100));
        HttpApiSource feed = (HttpApiSource) sources.get(1);
        assertThat(feed.cursor()).contains(new ApiCursor.NextToken("after", "/next_cursor"));
        assertThat(feed.records()).isEmpty();
        assertThat(feed.interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(feed.retries()).isZero();
        WebPageSource shop = (WebPageSource) sources.get(2);
        assertThat(shop.userAgent()).isEqualTo("FlywheelBot/0.1");
        assertThat(shop.minDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(shop.fields()).containsExactly(
                Map.entry("id", new ElementValue("", Optional.of("data-id"))),
                Map.entry("amount", new ElementValue("span.price", Optional.empty())),
                Map.entry("link", new ElementValue("a.more", Optional.of("href"))));
        JdbcSource ledger = (JdbcSource) sources.get(3);
        assertThat(ledger.table()).contains("payments");
        assertThat(ledger.query()).isEmpty();
        assertThat(ledger.batchSize()).isEqualTo(500);
        assertThat(ledger.password()).isEqualTo("${DB_PASSWORD}");
    }

    @Test
    void mistakesAreReportedAtTheirPosition() {
        // Given one mistake per item
        String yaml = withSources(
                "  - {name: Orders, type: http_api, url: 'https://a.example/x'}",
                "  - {name: b, type: http_apy, url: 'https://a.example/x'}",
                "  - {name: c, type: http_api, url: 'ftp://a.example/x', select: li}",
                "  - {name: c, type: web_page, url: 'https://a.example/x', select: li, fields: {x: 'a@'}}",
                "  - {name: e, type: http_api, url: 'https://a.example/x', cursor: {param: p, start: 1, from: /n}}",
                "  - {name: f, type: http_api, url: 'https://a.example/x', cursor: {param: p}, records: data}",
                "  - {name: g, type: jdbc, url: 'jdbc:h2:mem:x', user: u, password: '${PW', watermark: t, key: id}",
                "  - {name: h, type: jdbc, url: 'postgres://x', user: u, password: p, table: t, query: q,"
                        + " watermark: t, key: id}",
                "  - {name: i, url: 'https://a.example/x'}");

        // When
        List<SpecProblem> problems = problemsOf("sources.yaml", yaml);

        // Then
        assertThat(problems).extracting(SpecProblem::line, SpecProblem::path, SpecProblem::message).containsExactly(
                tuple(22, "sources[0].name", "a source name is lower-case letters, digits and '-', starting with a"
                        + " letter or digit (it names the source's position and its transactional id)"),
                tuple(23, "sources[1].type", "unknown value 'http_apy'; did you mean 'http_api'? expected one of:"
                        + " http_api, web_page, jdbc"),
                tuple(24, "sources[2].url", "expected an http:// or https:// URL but got string \"ftp://a.example/x\""),
                tuple(24, "sources[2].select", "unknown key 'select'; allowed keys are: name, type, interval, url,"
                        + " records, headers, cursor, pageSize, retries"),
                tuple(25, "sources[3].name", "duplicate source name 'c' (first at line 24)"),
                tuple(25, "sources[3].fields.x", "expected a CSS selector, optionally with @attribute (\"span.price\","
                        + " \"a.link@href\", \"@data-id\" for the record element) but got string \"a@\""),
                tuple(26, "sources[4].cursor.from", "give either start (numbered pages) or from (a next-page token),"
                        + " not both"),
                tuple(27, "sources[5].cursor.start", "required key is missing: give start (numbered pages:"
                        + " {param: page, start: 1}) or from (JSON Pointer of the next-page token:"
                        + " {param: after, from: /next_cursor})"),
                tuple(27, "sources[5].records", "expected a JSON Pointer like /data/items (empty for the whole body)"
                        + " but got string \"data\""),
                tuple(28, "sources[6].table", "required key is missing: give table (a table to read) or query"
                        + " (a SELECT)"),
                tuple(28, "sources[6].password", "a reference must read ${NAME} (letters, digits, '_' and '.'), but"
                        + " found '${PW'"),
                tuple(29, "sources[7].url", "a database URL starts with 'jdbc:' (e.g. jdbc:postgresql://host:5432/db)"),
                tuple(29, "sources[7].query", "give either table or query, not both"),
                tuple(30, "sources[8].type", "required key is missing; expected one of: http_api, web_page, jdbc"));
        assertThat(problems.get(0)).hasToString("sources.yaml:22:12: sources[0].name: a source name is lower-case"
                + " letters, digits and '-', starting with a letter or digit (it names the source's position and its"
                + " transactional id)");
    }

    @Test
    void sourcesMustBeAList() {
        // When
        List<SpecProblem> problems = problemsOf("sources.yaml", resource("minimal.yaml") + "sources: {a: 1}\n");

        // Then
        assertThat(problems).extracting(SpecProblem::line, SpecProblem::path, SpecProblem::message)
                .containsExactly(tuple(21, "sources", "expected a list but got a map"));
    }

    @Test
    void aSourceDeclaredAtRunTimeReadsTheSameJsonShapeAndMustHaveAFreshName() {
        // Given the JSON form of a spec item
        String json = "{\"name\": \"feed\", \"type\": \"http_api\", \"url\": \"http://127.0.0.1:1/x\","
                + " \"cursor\": {\"param\": \"page\", \"start\": 0}, \"interval\": \"10s\"}";

        // When
        SourceSpec source = SourceSpecs.parse("POST sources", json, List.of("other"));

        // Then
        assertThat(source).isInstanceOfSatisfying(HttpApiSource.class, api -> {
            assertThat(api.interval()).isEqualTo(Duration.ofSeconds(10));
            assertThat(api.cursor()).contains(new ApiCursor.PageNumbers("page", 0));
        });
        assertThatThrownBy(() -> SourceSpecs.parse("POST sources", json, List.of("feed")))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("POST sources:1:10: name: duplicate source name 'feed' (the pipeline has it"
                        + " already)");
    }

    @Test
    void referencesResolveFromTheLookupAndAMissingOneIsNamedWithoutAnyValue() {
        Map<String, String> env = Map.of("TOKEN", "s3cret", "HOST", "db");

        assertThat(EnvReferences.resolve("Bearer ${TOKEN} @${HOST}", name -> Optional.ofNullable(env.get(name))))
                .isEqualTo("Bearer s3cret @db");
        assertThatThrownBy(() -> EnvReferences.resolve("${NOPE}", name -> Optional.ofNullable(env.get(name))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("${NOPE} is referenced but neither an environment variable nor a system property of that"
                        + " name is set");
    }

    @Test
    void aDatabasePasswordIsNeitherPrintedNorSerialised() throws Exception {
        JdbcSource source = new JdbcSource("ledger", Duration.ofSeconds(30), "jdbc:x", "u", "hunter2",
                Optional.of("t"), Optional.empty(), "w", "k", 10);

        assertThat(source.toString()).doesNotContain("hunter2").contains("password=***");
        // Services serve specs with Quarkus's mapper (which knows Optional); this one only needs the annotations.
        var mapper = Json.mapper().copy().disable(MapperFeature.REQUIRE_HANDLERS_FOR_JAVA8_OPTIONALS);
        assertThat(mapper.writeValueAsString(source)).doesNotContain("hunter2").contains("\"type\":\"jdbc\"");
    }
}
