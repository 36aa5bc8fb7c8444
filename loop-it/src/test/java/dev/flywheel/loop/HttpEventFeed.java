package dev.flywheel.loop;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.json.Json;

/**
 * A client of ingest's HTTP API, as an application sends payments: batches of card-fraud events posted in the
 * background at a steady rate, each with an id of its own. It keeps what the service told it: the ids of
 * batches answered 200 with every record accepted (<b>acknowledged</b>: the service promises they are in
 * Kafka), and those of batches that failed or timed out (<b>unconfirmed</b>: in Kafka at most once). It never
 * resends, so each id is sent once and any second copy in Kafka would be the platform's doing.
 */
final class HttpEventFeed implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Instant START = Instant.parse("2018-04-01T00:00:00Z");
    private static final long PAUSE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final URI endpoint;
    private final String prefix;
    private final int batchSize;
    private final long batchIntervalNanos;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Set<String> unconfirmed = ConcurrentHashMap.newKeySet();
    private final AtomicLong failedRequests = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean paused = new AtomicBoolean();
    private final Random random = new Random(17);
    private final Thread thread;
    private long next;

    private HttpEventFeed(URI endpoint, String prefix, double eventsPerSecond, int batchSize) {
        this.endpoint = endpoint;
        this.prefix = prefix;
        this.batchSize = batchSize;
        this.batchIntervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) * batchSize / eventsPerSecond);
        this.thread = new Thread(this::run, "http-event-feed-" + prefix);
        this.thread.setDaemon(true);
    }

    /**
     * @param endpoint the pipeline's {@code /events} endpoint
     * @param prefix   starts every event id, so runs and tests never share one
     */
    static HttpEventFeed start(URI endpoint, String prefix, double eventsPerSecond, int batchSize) {
        HttpEventFeed feed = new HttpEventFeed(endpoint, prefix, eventsPerSecond, batchSize);
        feed.thread.start();
        return feed;
    }

    private void run() {
        long due = System.nanoTime();
        while (running.get()) {
            if (paused.get()) {
                // A paused client sends nothing; its pace starts again from now when resumed.
                due = System.nanoTime() + PAUSE_POLL_NANOS;
                LockSupport.parkNanos(PAUSE_POLL_NANOS);
                continue;
            }
            List<String> ids = new ArrayList<>();
            ArrayNode batch = Json.mapper().createArrayNode();
            for (int i = 0; i < batchSize; i++) {
                String id = prefix + "-" + next;
                ids.add(id);
                batch.add(event(id, next++));
            }
            send(batch, ids);
            due += batchIntervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    // Pacing the client, not waiting for the platform: the rate is what a test asks for.
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private ObjectNode event(String id, long n) {
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("transaction_id", id);
        event.put("tx_datetime", eventTime(n).toString());
        event.put("customer_id", "c" + random.nextInt(40));
        event.put("terminal_id", "t" + random.nextInt(80));
        event.put("tx_amount", Math.round(random.nextDouble() * 40_000) / 100.0);
        return event;
    }

    private void send(ArrayNode batch, List<String> ids) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(endpoint)
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(batch.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode answer = response.statusCode() == 200 ? Json.mapper().readTree(response.body()) : null;
            if (answer != null && answer.path("accepted").asInt() == ids.size()) {
                acknowledged.addAll(ids);
                return;
            }
        } catch (IOException e) {
            // refused, reset or timed out: not acknowledged
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
        failedRequests.incrementAndGet();
        unconfirmed.addAll(ids);
    }

    /** Event time advances a minute per event from April 2018, as the simulator's data does. */
    private static Instant eventTime(long n) {
        return START.plus(Duration.ofMinutes(n));
    }

    /** The event time of an id this feed made ({@code <prefix>-<n>}). */
    static Instant eventTimeOf(String id) {
        return eventTime(Long.parseLong(id.substring(id.lastIndexOf('-') + 1)));
    }

    /** Ids the service acknowledged: each must be in Kafka exactly once. */
    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    /** Ids of batches that failed or timed out: each may be in Kafka once at most. */
    Set<String> unconfirmed() {
        return Set.copyOf(unconfirmed);
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    long failedRequests() {
        return failedRequests.get();
    }

    /**
     * Sends no new batch until {@link #resume()}, so a test bounds how much piles up while a service restarts
     * (a restart on a loaded machine took 40-80 s; at full rate the backlog alone took minutes to catch up).
     */
    void pause() {
        paused.set(true);
    }

    void resume() {
        paused.set(false);
    }

    /** Stops sending and waits for the batch in flight to be answered. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(TimeUnit.SECONDS.toMillis(90));
    }
}
