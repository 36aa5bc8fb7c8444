package dev.flywheel.ingest.source.api;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.spec.ApiCursor;
import dev.flywheel.contracts.spec.EnvReferences;
import dev.flywheel.contracts.spec.HttpApiSource;
import dev.flywheel.ingest.source.HttpFetcher;
import dev.flywheel.ingest.source.SeenRecords;
import dev.flywheel.ingest.source.SourceUnavailable;
import dev.flywheel.ingest.source.pull.PullBatch;
import dev.flywheel.ingest.source.pull.PullReader;

/**
 * Reads a JSON API page by page ({@code type: http_api}): GETs a page, takes the records at the spec's
 * {@code records} pointer, and returns the ones after the position with the position of the next read.
 *
 * <ul>
 *   <li>Numbered pages: page {@code n} with {@code skip} records already read. A full page (as many records as
 *   {@code pageSize}) moves on to {@code n+1}; a page that is not full is kept with its count and asked again on
 *   the next read, so records appended to it are found. When a kept page has nothing new, page {@code n+1} is
 *   tried in the same read; an empty page ends the read. Without {@code pageSize} no page counts as full, which
 *   costs one extra request per page.</li>
 *   <li>Next-page tokens: the token of the page to request; a response without a next token is the last page for
 *   now, kept with its count like a page that is not full.</li>
 *   <li>No cursor: the whole collection in every response; records are told apart by their event id
 *   ({@link SeenRecords}).</li>
 * </ul>
 * Records are assumed to be appended in order, never inserted before ones already read.
 */
public final class ApiReader implements PullReader {

    private final HttpApiSource spec;
    private final HttpFetcher http;
    private final SeenRecords seen;
    private final JsonPointer records;

    public ApiReader(HttpApiSource spec, HttpFetcher http, SeenRecords seen) {
        this.spec = spec;
        this.http = http;
        this.seen = seen;
        this.records = JsonPointer.compile(spec.records().orElse(""));
    }

    @Override
    public PullBatch read(Optional<String> position) throws SourceUnavailable, InterruptedException {
        if (spec.cursor().isEmpty()) {
            SeenRecords.Fresh fresh = seen.fresh(fetch(Map.of()).records(), position);
            return new PullBatch(fresh.records(), fresh.position(), true);
        }
        ApiCursor cursor = spec.cursor().get();
        ApiPosition at = position.map(ApiPosition::parse).orElseGet(() -> first(cursor));
        Page page = fetch(at);
        List<ObjectNode> fresh = page.records().subList(Math.min(at.skip(), page.records().size()), page.records().size());
        if (fresh.isEmpty() && !page.records().isEmpty() && !page.isLast(at)) {
            // Everything on this page was read before: the next page may have more.
            ApiPosition next = page.following(at);
            Page following = fetch(next);
            return following.records().isEmpty()
                    ? new PullBatch(List.of(), Optional.empty(), true)
                    : batch(following.records(), following, next);
        }
        if (fresh.isEmpty()) {
            return new PullBatch(List.of(), Optional.empty(), true);
        }
        return batch(fresh, page, at);
    }

    private PullBatch batch(List<ObjectNode> fresh, Page page, ApiPosition at) {
        boolean moveOn = page.full() || page.nextToken().isPresent();
        ApiPosition next = moveOn ? page.following(at) : new ApiPosition(at.page(), at.token(), page.records().size());
        // Without a page size a page is never known to be the last: read on at once (an empty page ends the read).
        return new PullBatch(fresh, Optional.of(next.text()), !moveOn && page.isLast(at));
    }

    private static ApiPosition first(ApiCursor cursor) {
        return cursor instanceof ApiCursor.PageNumbers numbers
                ? new ApiPosition(numbers.start(), null, 0)
                : new ApiPosition(null, null, 0);
    }

    private Page fetch(ApiPosition at) throws SourceUnavailable, InterruptedException {
        Map<String, String> params = new LinkedHashMap<>();
        ApiCursor cursor = spec.cursor().orElseThrow();
        if (at.page() != null) {
            params.put(cursor.param(), at.page().toString());
        } else if (at.token() != null) {
            params.put(cursor.param(), at.token());
        }
        return fetch(params);
    }

    private Page fetch(Map<String, String> cursorParams) throws SourceUnavailable, InterruptedException {
        Map<String, String> params = new LinkedHashMap<>(cursorParams);
        spec.pageSize().ifPresent(size -> params.put(size.param(), Integer.toString(size.value())));
        String query = params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .reduce((a, b) -> a + "&" + b).map(q -> (spec.url().contains("?") ? "&" : "?") + q).orElse("");
        URI uri = URI.create(EnvReferences.resolve(spec.url()) + query);
        String shownAs = spec.url() + query;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        spec.headers().forEach((name, value) -> headers.put(name, EnvReferences.resolve(value)));
        HttpFetcher.Answer answer = http.get(uri, shownAs, headers, spec.retries());
        if (!answer.ok()) {
            throw new SourceUnavailable("GET " + shownAs + " answered " + answer.status());
        }
        JsonNode body;
        try {
            body = Json.mapper().readTree(answer.body());
        } catch (IOException e) {
            throw new SourceUnavailable("GET " + shownAs + " did not answer JSON: " + e.getMessage());
        }
        JsonNode array = body.at(records);
        if (!array.isArray()) {
            throw new SourceUnavailable("GET " + shownAs + ": no array of records at '" + records + "' in the"
                    + " response");
        }
        List<ObjectNode> found = new ArrayList<>();
        for (JsonNode item : array) {
            // A record that is not an object still goes to the validator (and so to the rejected topic), wrapped,
            // rather than being dropped without a trace.
            found.add(item instanceof ObjectNode object ? object : Json.mapper().createObjectNode().set("value", item));
        }
        Optional<String> nextToken = Optional.empty();
        if (spec.cursor().orElse(null) instanceof ApiCursor.NextToken token) {
            JsonNode next = body.at(token.from());
            nextToken = next.isMissingNode() || next.isNull() || next.asText().isEmpty()
                    ? Optional.empty() : Optional.of(next.asText());
        }
        boolean full = spec.pageSize().map(size -> found.size() >= size.value()).orElse(false);
        return new Page(found, full, nextToken, spec.pageSize().isPresent());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** One response: its records, whether it was a full page, the token of the next page. */
    private record Page(List<ObjectNode> records, boolean full, Optional<String> nextToken, boolean sizeKnown) {

        /** The position of the page after this one. */
        ApiPosition following(ApiPosition at) {
            return at.page() != null
                    ? new ApiPosition(at.page() + 1, null, 0)
                    : new ApiPosition(null, nextToken.orElse(at.token()), nextToken.isPresent() ? 0 : records.size());
        }

        /** Known to be the last page for now: a page that is not full, or a response without a next token. */
        boolean isLast(ApiPosition at) {
            return at.page() != null ? sizeKnown && !full : nextToken.isEmpty();
        }
    }
}
