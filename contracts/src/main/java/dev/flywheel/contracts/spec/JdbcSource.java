package dev.flywheel.contracts.spec;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A database table or query read in watermark order ({@code type: jdbc}): rows after the last
 * {@code (watermark, key)} pair read, {@code batchSize} at a time. Exactly one of {@code table} and
 * {@code query} is present.
 *
 * @param url       a {@code jdbc:} URL; may hold {@code ${NAME}} references
 * @param user      may hold {@code ${NAME}} references
 * @param password  may hold {@code ${NAME}} references; never serialised nor printed
 * @param watermark the column that grows with new rows (a timestamp or sequence)
 * @param key       the tie-break column: unique together with the watermark
 */
public record JdbcSource(String name, Duration interval, String url, String user, @JsonIgnore String password,
                         Optional<String> table, Optional<String> query, String watermark, String key, int batchSize)
        implements SourceSpec {

    public static final int DEFAULT_BATCH_SIZE = 500;

    public JdbcSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(query, "query");
        if (table.isPresent() == query.isPresent()) {
            throw new IllegalArgumentException("exactly one of table and query must be given");
        }
        Objects.requireNonNull(watermark, "watermark");
        Objects.requireNonNull(key, "key");
    }

    @Override
    public SourceType type() {
        return SourceType.JDBC;
    }

    @Override
    public String toString() {
        return "JdbcSource[name=" + name + ", interval=" + interval + ", url=" + url + ", user=" + user
                + ", password=***, table=" + table + ", query=" + query + ", watermark=" + watermark + ", key=" + key
                + ", batchSize=" + batchSize + "]";
    }
}
