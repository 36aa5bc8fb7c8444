package dev.flywheel.testing.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Sends bad-input requests to a running service over real HTTP, each with a deadline (a hang fails the property
 * instead of the build), and judges the answers: never a 5xx (a 503 with {@code Retry-After} is back-pressure, not a
 * failure), and every 4xx a JSON body that says what was wrong in words.
 */
public final class BadInputClient {

    /** Longer than any honest answer on a loaded 2-core machine; shorter than a hang. */
    public static final Duration DEADLINE = Duration.ofSeconds(20);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    public BadInputClient(URI base) {
        this.base = base;
    }

    /** Sends {@code payload} with {@code method} to {@code path} (relative to the service root). */
    public Answer send(String method, String path, Payload payload) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(DEADLINE)
                .header("Content-Type", payload.contentType())
                .method(method, HttpRequest.BodyPublishers.ofByteArray(payload.bytes())).build();
        return exchange(request, payload.toString());
    }

    /** Sends a GET to {@code pathAndQuery}, already encoded. */
    public Answer get(String pathAndQuery) {
        return exchange(HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(DEADLINE).GET().build(), pathAndQuery);
    }

    /** Sends a DELETE to {@code path}. */
    public Answer delete(String path) {
        return exchange(HttpRequest.newBuilder(base.resolve(path)).timeout(DEADLINE).DELETE().build(), "DELETE " + path);
    }

    /**
     * Streams {@code bytes} of filler as the body without holding it in memory (on either side, if the service
     * enforces its limit while reading).
     */
    public Answer sendLarge(String method, String path, String contentType, long bytes) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(DEADLINE.multipliedBy(3))
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> new Filler(bytes)), bytes)).build();
        try {
            return exchange(request, bytes + " bytes of filler");
        } catch (AssertionError refusedMidway) {
            // A server may close the connection once the limit is passed, before the client finished sending.
            if (refusedMidway.getCause() instanceof IOException) {
                return new Answer(413, null, "{\"error\":\"connection closed by the server mid-body\"}");
            }
            throw refusedMidway;
        }
    }

    private Answer exchange(HttpRequest request, String what) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (HttpTimeoutException e) {
            throw new AssertionError("no answer within " + request.timeout().orElse(DEADLINE) + " to " + what, e);
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e + " for " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** No 5xx (but 503 with Retry-After); a 4xx says in a JSON body what was wrong. */
    public static void assertNoServerError(Answer answer, Object input) {
        boolean backPressure = answer.status() == 503 && answer.headers() != null
                && answer.headers().firstValue("Retry-After").isPresent();
        if (answer.status() >= 500 && !backPressure) {
            fail("server error %s for %s", answer, input);
        }
        if (answer.status() >= 400) {
            assertExplained(answer, input);
        }
    }

    /** A 4xx answer (never 2xx, never 5xx) that says in a JSON body what was wrong. */
    public static void assertRefused(Answer answer, Object input) {
        assertThat(answer.status()).as("status of %s for %s", answer, input).isBetween(400, 499);
        assertExplained(answer, input);
    }

    private static void assertExplained(Answer answer, Object input) {
        JsonNode body;
        try {
            body = JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new AssertionError("a " + answer.status() + " without a JSON body: " + answer + " for " + input, e);
        }
        assertThat(texts(body)).as("the words of %s for %s", answer, input)
                .anySatisfy(text -> assertThat(text.strip()).hasSizeGreaterThan(3));
    }

    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node == null) {
            return texts;
        }
        if (node.isTextual()) {
            texts.add(node.asText());
        } else if (node.isContainerNode()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                texts.addAll(texts(it.next().getValue()));
            }
            if (node.isArray()) {
                node.forEach(item -> texts.addAll(texts(item)));
            }
        }
        return texts;
    }

    /** An endless-looking body of JSON-ish filler, produced on the fly. */
    private static final class Filler extends InputStream {

        private long left;

        Filler(long bytes) {
            this.left = bytes;
        }

        @Override
        public int read() {
            if (left <= 0) {
                return -1;
            }
            left--;
            return '1';
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(length, left);
            java.util.Arrays.fill(buffer, offset, offset + n, (byte) '1');
            left -= n;
            return n;
        }
    }
}
