package dev.flywheel.ingest.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Settings that cannot work are refused when built, with the field and the reason. */
class JdbcSourceSettingsTest {

    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/shop";

    private static JdbcSourceSettings table(String url, String table, String watermark, String key, int batch) {
        return new JdbcSourceSettings(url, "reader", "secret", Optional.of(table), Optional.empty(), watermark, key,
                batch);
    }

    @Test
    void acceptsAPlainOrSchemaQualifiedTableAndAQuery() {
        // Given valid settings, when built, then the dialect follows the URL and quoting is per database
        JdbcSourceSettings postgres = table(PG, "sales.orders", "updated_at", "id", 500);
        JdbcSourceSettings mariadb = new JdbcSourceSettings("jdbc:mariadb://db:3306/shop", "reader", null,
                Optional.empty(), Optional.of("SELECT * FROM orders WHERE status = 'paid'"), "updated_at", "id", 10);

        assertThat(postgres.dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(mariadb.dialect()).isEqualTo(Dialect.MARIADB);
        assertThat(mariadb.password()).isEmpty();
        assertThat(IncrementalQuery.of(postgres).after()).isEqualTo("SELECT * FROM \"sales\".\"orders\" WHERE "
                + "\"updated_at\" IS NOT NULL AND \"id\" IS NOT NULL AND \"updated_at\" >= ? AND (\"updated_at\" > ? "
                + "OR \"id\" > ?) ORDER BY \"updated_at\", \"id\" LIMIT 500");
        assertThat(IncrementalQuery.of(mariadb).first()).isEqualTo("SELECT * FROM (SELECT * FROM orders WHERE "
                + "status = 'paid') AS flywheel_source WHERE `updated_at` IS NOT NULL AND `id` IS NOT NULL "
                + "ORDER BY `updated_at`, `id` LIMIT 10");
    }

    @Test
    void refusesBothOrNeitherOfTableAndQuery() {
        assertThatThrownBy(() -> new JdbcSourceSettings(PG, "u", "p", Optional.of("t"), Optional.of("SELECT 1"),
                "wm", "id", 10)).hasMessage("table, query: give exactly one of them (got both)");
        assertThatThrownBy(() -> new JdbcSourceSettings(PG, "u", "p", Optional.empty(), Optional.empty(),
                "wm", "id", 10)).hasMessage("table, query: give exactly one of them (got neither)");
    }

    @Test
    void refusesABatchSizeBelowOne() {
        assertThatThrownBy(() -> table(PG, "t", "wm", "id", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batchSize: must be greater than 0 but was 0");
    }

    @Test
    void refusesIdentifiersThatAreNotPlain() {
        assertThatThrownBy(() -> table(PG, "orders; DROP TABLE x", "wm", "id", 10))
                .hasMessageStartingWith("table: 'orders; DROP TABLE x' must be name or schema.name");
        assertThatThrownBy(() -> table(PG, "a.b.c", "wm", "id", 10)).hasMessageStartingWith("table: 'a.b.c'");
        assertThatThrownBy(() -> table(PG, "t", "updated\"at", "id", 10))
                .hasMessageStartingWith("watermarkColumn: 'updated\"at' is not a plain identifier");
        assertThatThrownBy(() -> table(PG, "t", "wm", "1id", 10))
                .hasMessageStartingWith("keyColumn: '1id' is not a plain identifier");
        assertThatThrownBy(() -> table(PG, "t", "wm", null, 10))
                .hasMessageStartingWith("keyColumn: 'null' is not a plain identifier");
        assertThatThrownBy(() -> table(PG, "t", "wm", "wm", 10)).hasMessageStartingWith("keyColumn: must differ");
    }

    @Test
    void refusesUrlsOfOtherDriversNamingTheMariaDbSchemeForMySql() {
        assertThatThrownBy(() -> table("jdbc:mysql://db:3306/shop", "t", "wm", "id", 10))
                .hasMessageContaining("url: 'jdbc:mysql:'").hasMessageContaining("use jdbc:mariadb://");
        assertThatThrownBy(() -> table("jdbc:oracle:thin:@db:1521/x", "t", "wm", "id", 10))
                .hasMessageStartingWith("url: 'jdbc:oracle:thin:@db:1521/x' is not supported");
        assertThatThrownBy(() -> table(" ", "t", "wm", "id", 10)).hasMessage("url: must not be blank");
    }

    @Test
    void refusesAQueryEndingWithASemicolonAndABlankUser() {
        assertThatThrownBy(() -> new JdbcSourceSettings(PG, "u", "p", Optional.empty(), Optional.of("SELECT 1;"),
                "wm", "id", 10)).hasMessage("query: must not end with ';' (it is wrapped as a subquery)");
        assertThatThrownBy(() -> new JdbcSourceSettings(PG, "", "p", Optional.of("t"), Optional.empty(), "wm", "id",
                10)).hasMessage("user: must not be blank");
    }

    @Test
    void keepsThePasswordOutOfItsTextForm() {
        JdbcSourceSettings settings = table(PG + "?password=hunter2", "t", "wm", "id", 10);

        assertThat(settings.toString()).doesNotContain("secret").doesNotContain("hunter2");
    }
}
