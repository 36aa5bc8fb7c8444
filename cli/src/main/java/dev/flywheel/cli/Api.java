package dev.flywheel.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import dev.flywheel.contracts.json.Json;

/**
 * The services' HTTP APIs as the command line calls them: JSON in, JSON out. An answer of 400 or more becomes a
 * {@link Failure} carrying the service's own message; a service that does not answer becomes an
 * {@link Unreachable} naming it, so the command line can say which one to start.
 */
final class Api {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Fields the services put their reason in: ingest and training {@code message}, inference {@code error}. */
    private static final List<String> MESSAGE_FIELDS = List.of("message", "error", "detail", "reason", "title");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Supplier<String> apiKey;

    /** {@code apiKey} gives the key to send with every request, or null/blank to send none (the demo). */
    Api(Supplier<String> apiKey) {
        this.apiKey = apiKey;
    }

    JsonNode get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    /** The answer's body as text (an HTML report). */
    String getText(URI uri) {
        return exchange(HttpRequest.newBuilder(uri).GET()).body();
    }

    JsonNode post(URI uri, Object body) {
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    JsonNode put(URI uri, Object body) {
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    /** Streams a file as the request body, never holding it in memory. */
    JsonNode postFile(URI uri, Path file, String contentType) {
        try {
            return send(HttpRequest.newBuilder(uri).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofFile(file)));
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalArgumentException("no such file: " + file);
        }
    }

    private JsonNode send(HttpRequest.Builder request) {
        String body = exchange(request).body();
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new Failure(200, "the service answered with something that is not JSON: " + abbreviate(body));
        }
    }

    private HttpResponse<String> exchange(HttpRequest.Builder builder) {
        String key = apiKey.get();
        if (key != null && !key.isBlank()) {
            builder.header("Authorization", "Bearer " + key.strip());
        }
        HttpRequest request = builder.timeout(TIMEOUT).build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new Unreachable(request.uri());
        } catch (HttpTimeoutException e) {
            throw new Failure(504, "no answer from " + request.uri() + " within " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw new Unreachable(request.uri());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(130, "interrupted");
        }
        if (response.statusCode() == 401) {
            throw new Failure(401, messageOf(response.body()) + " (" + request.uri().getAuthority()
                    + " wants an API key: set FLYWHEEL_API_KEY or pass --api-key)");
        }
        if (response.statusCode() >= 400) {
            throw new Failure(response.statusCode(), messageOf(response.body()));
        }
        return response;
    }

    /** The service's reason when its body has one, else the body itself (shortened). */
    static String messageOf(String body) {
        try {
            JsonNode node = Json.mapper().readTree(body);
            for (String field : MESSAGE_FIELDS) {
                if (node.hasNonNull(field) && node.get(field).isTextual()) {
                    return node.get(field).asText();
                }
            }
        } catch (JsonProcessingException | IllegalArgumentException notJson) {
            // fall through to the text
        }
        return abbreviate(body == null ? "" : body.strip());
    }

    private static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "...";
    }

    private static String write(Object body) {
        try {
            return Json.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the request body: " + e.getOriginalMessage(), e);
        }
    }

    /** The service answered with an error status. */
    static final class Failure extends RuntimeException {
        private final int status;

        Failure(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /** Nothing answered at that address. */
    static final class Unreachable extends RuntimeException {
        Unreachable(URI uri) {
            super("nothing answers at " + uri.getScheme() + "://" + uri.getAuthority()
                    + " (is the service running? ./flywheel demo starts them all)");
        }
    }
}
