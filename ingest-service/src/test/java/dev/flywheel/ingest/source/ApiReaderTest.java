package dev.flywheel.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.spec.ApiCursor;
import dev.flywheel.contracts.spec.ApiPageSize;
import dev.flywheel.contracts.spec.HttpApiSource;
import dev.flywheel.ingest.source.api.ApiReader;
import dev.flywheel.ingest.source.pull.PullBatch;

/** {@link ApiReader} against a real HTTP server on loopback ({@link TestSite}). */
class ApiReaderTest {

    private final TestSite site = new TestSite();
    private final HttpFetcher http = new HttpFetcher(Duration.ofSeconds(5),
            new Backoff(Duration.ofMillis(20), Duration.ofMillis(100)));
    private final SeenRecords seen = new SeenRecords(new RecordIdentity("transaction_id"), 100);

    @AfterEach
    void stopSite() {
        site.close();
    }

    @Test
    void numberedPagesAreReadOnceInOrderAndRecordsAppendedLaterAreFound() throws Exception {
        // Given 5 records served 2 per page
        site.addTransactions("p", 1, 5);
        ApiReader reader = new ApiReader(pagedSource(Optional.of(new ApiPageSize("limit", 2)), 5), http, seen);

        // When read until the source is exhausted
        Drained first = drain(reader, Optional.empty());

        // Then every record once, in order, from pages 1, 2 and 3 (the last not full)
        assertThat(first.ids()).containsExactly("p-1", "p-2", "p-3", "p-4", "p-5");
        assertThat(site.requests("/api/tx")).extracting(TestSite.Request::query)
                .containsExactly("page=1&limit=2", "page=2&limit=2", "page=3&limit=2");

        // When two more records are appended and the source is read again from the saved position
        site.addTransactions("p", 6, 7);
        Drained second = drain(reader, first.position());

        // Then only the new ones, the first filling the last page, the second on a new page
        assertThat(second.ids()).containsExactly("p-6", "p-7");
        // And a read with nothing new returns nothing and keeps the position
        PullBatch idle = reader.read(second.position());
        assertThat(idle.records()).isEmpty();
        assertThat(idle.position()).isEmpty();
        assertThat(idle.exhausted()).isTrue();
    }

    @Test
    void withoutAPageSizeEveryPageIsReadUntilAnEmptyOne() throws Exception {
        // Given 7 records, 3 per page by the server's own default
        site.addTransactions("q", 1, 7);
        ApiReader reader = new ApiReader(pagedSource(Optional.empty(), 5), http, seen);

        // When
        Drained drained = drain(reader, Optional.empty());

        // Then all once, and page 4 (empty) was what ended the read
        assertThat(drained.ids()).containsExactly("q-1", "q-2", "q-3", "q-4", "q-5", "q-6", "q-7");
        assertThat(site.requests("/api/tx")).extracting(TestSite.Request::query).contains("page=4");
    }

    @Test
    void aTransientServerErrorIsRetried() throws Exception {
        // Given a server that answers the next request with 500
        site.addTransactions("r", 1, 2);
        site.failNext(1);
        ApiReader reader = new ApiReader(pagedSource(Optional.of(new ApiPageSize("limit", 10)), 5), http, seen);

        // When
        PullBatch batch = reader.read(Optional.empty());

        // Then the page was asked twice and read once
        assertThat(ids(batch.records())).containsExactly("r-1", "r-2");
        assertThat(site.requests("/api/tx")).hasSize(2);
    }

    @Test
    void aServerThatKeepsFailingFailsTheReadAfterItsRetries() {
        // Given more failures than retries
        site.failNext(10);
        ApiReader reader = new ApiReader(pagedSource(Optional.empty(), 2), http, seen);

        // Then
        assertThatThrownBy(() -> reader.read(Optional.empty()))
                .isInstanceOf(SourceUnavailable.class)
                .hasMessage("GET " + site.base() + "/api/tx?page=1 failed 3 time(s), last with status 500");
        assertThat(site.requests("/api/tx")).hasSize(3);
    }

    @Test
    void nextPageTokensAreFollowedUntilTheLastPageAndItIsReadAgainLater() throws Exception {
        // Given 5 records, 2 per page, each page naming the next
        site.addTransactions("t", 1, 5);
        HttpApiSource source = new HttpApiSource("feed", Duration.ofSeconds(30), site.base() + "/api/feed",
                Optional.of("/items"), Map.of(), Optional.of(new ApiCursor.NextToken("after", "/next_cursor")),
                Optional.empty(), 2);
        ApiReader reader = new ApiReader(source, http, seen);

        // When
        Drained first = drain(reader, Optional.empty());
        site.addTransactions("t", 6, 6);
        Drained second = drain(reader, first.position());

        // Then
        assertThat(first.ids()).containsExactly("t-1", "t-2", "t-3", "t-4", "t-5");
        assertThat(second.ids()).containsExactly("t-6");
    }

    @Test
    void headerReferencesAreResolvedWhenRequestedAndAMissingOneFailsTheRead() {
        // Given a header that refers to a variable nobody set
        HttpApiSource source = new HttpApiSource("tx", Duration.ofSeconds(30), site.base() + "/api/tx",
                Optional.of("/data/items"), Map.of("Authorization", "Bearer ${FLYWHEEL_TEST_UNSET_TOKEN}"),
                Optional.of(new ApiCursor.PageNumbers("page", 1)), Optional.empty(), 0);
        ApiReader reader = new ApiReader(source, http, seen);

        // Then
        assertThatThrownBy(() -> reader.read(Optional.empty())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("${FLYWHEEL_TEST_UNSET_TOKEN} is referenced");
        assertThat(site.log).isEmpty();
    }

    private HttpApiSource pagedSource(Optional<ApiPageSize> pageSize, int retries) {
        return new HttpApiSource("tx", Duration.ofSeconds(30), site.base() + "/api/tx", Optional.of("/data/items"),
                Map.of(), Optional.of(new ApiCursor.PageNumbers("page", 1)), pageSize, retries);
    }

    /** Reads like the runner does: on at once while the source has more, up to a bound. */
    private static Drained drain(ApiReader reader, Optional<String> from) throws Exception {
        List<String> ids = new ArrayList<>();
        Optional<String> position = from;
        for (int read = 0; read < 50; read++) {
            PullBatch batch = reader.read(position);
            ids.addAll(ids(batch.records()));
            position = batch.position().or(() -> Optional.empty()).isPresent() ? batch.position() : position;
            if (batch.exhausted()) {
                return new Drained(ids, position);
            }
        }
        throw new AssertionError("the reader never said it was exhausted; read so far: " + ids);
    }

    private static List<String> ids(List<ObjectNode> records) {
        return records.stream().map(record -> record.get("transaction_id").asText()).toList();
    }

    private record Drained(List<String> ids, Optional<String> position) {
    }
}
