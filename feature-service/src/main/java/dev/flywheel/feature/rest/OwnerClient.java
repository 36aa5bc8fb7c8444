package dev.flywheel.feature.rest;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks the instance that owns an entity (its {@code application.server}) for the entity's features: the same
 * {@code GET /v1/pipelines/{p}/features/{entity}/{value}}, marked with {@value #FORWARDED_HEADER} so the owner
 * answers from its own store or says it cannot, and never forwards again (two instances that disagree on ownership
 * during a rebalance would otherwise bounce the request between them).
 */
@ApplicationScoped
public class OwnerClient {

    /** Marks a request forwarded by another instance; its value is the sender's {@code application.server}. */
    public static final String FORWARDED_HEADER = "X-Flywheel-Forwarded-By";
    /** On every answer: the {@code application.server} of the instance whose store answered. */
    public static final String SERVED_BY_HEADER = "X-Flywheel-Served-By";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(2);

    /** What the owner answered: its status, body, and {@code Retry-After} and served-by headers if any. */
    public record Answer(int status, byte[] body, Optional<String> retryAfter, Optional<String> servedBy) {
    }

    // HTTP/1.1: the JDK client would otherwise try an h2c upgrade on every new connection.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT).build();

    public Answer entityFeatures(HostInfo owner, HostInfo self, String pipeline, String entity, String value)
            throws IOException, InterruptedException {
        URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + "/v1/pipelines/" + segment(pipeline)
                + "/features/" + segment(entity) + "/" + segment(value));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(ANSWER_TIMEOUT)
                .header("Accept", "application/json")
                .header(FORWARDED_HEADER, self.host() + ":" + self.port())
                .GET().build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Retry-After"),
                response.headers().firstValue(SERVED_BY_HEADER));
    }

    /** A path segment, percent-encoded (URLEncoder encodes for forms: a space must be %20, not +). */
    private static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
