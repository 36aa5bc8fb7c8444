package dev.flywheel.contracts.spec;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A JSON API read over HTTP ({@code type: http_api}).
 *
 * @param url      the address of the first page; may hold {@code ${NAME}} references
 * @param records  JSON Pointer to the array of records in a response ({@code /data/items}); empty: the body is
 *                 the array
 * @param headers  request headers; values may hold {@code ${NAME}} references, kept unresolved here
 * @param cursor   how to ask for the next page; empty: the whole collection comes in one response
 * @param pageSize a query parameter that fixes the page size; lets the reader tell a full page from the last one
 * @param retries  how often one request is retried (with exponential backoff) before the read fails
 */
public record HttpApiSource(String name, Duration interval, String url, Optional<String> records,
                            Map<String, String> headers, Optional<ApiCursor> cursor, Optional<ApiPageSize> pageSize,
                            int retries) implements SourceSpec {

    public static final int DEFAULT_RETRIES = 5;

    public HttpApiSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(records, "records");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(cursor, "cursor");
        Objects.requireNonNull(pageSize, "pageSize");
    }

    @Override
    public SourceType type() {
        return SourceType.HTTP_API;
    }

    /** Header values are left out: even unresolved, a literal token may have been written there. */
    @Override
    public String toString() {
        return "HttpApiSource[name=" + name + ", interval=" + interval + ", url=" + url + ", records=" + records
                + ", headers=" + headers.keySet() + ", cursor=" + cursor + ", pageSize=" + pageSize
                + ", retries=" + retries + "]";
    }
}
