package dev.flywheel.feature.rest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.streams.state.HostInfo;

import dev.flywheel.runtime.security.ApiKeyMechanism;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Asks the instance that owns an entity (its {@code application.server}) for the entity's features: the same
 * {@code GET /v1/pipelines/{p}/features/{entity}/{value}}, marked with {@value #FORWARDED_HEADER} so the owner
 * answers from its own store or says it cannot, and never forwards again (two instances that disagree on ownership
 * during a rebalance would otherwise bounce the request between them).
 *
 * <p>Vert.x's HTTP client rather than the JDK's: the forwarded request is sent and its answer read on the event loop
 * that received the lookup, with pooled keep-alive connections, so a routed lookup costs one more loopback round
 * trip and no thread hand-offs (the JDK client completes on threads of its own, which on a busy machine added
 * milliseconds at p99).
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

    /**
     * The caller's key headers, passed on to the owner: with authentication on, the owner checks the same key
     * (instances trust no one by address).
     */
    public record Credentials(String authorization, String apiKey) {

        void addTo(RequestOptions request) {
            if (authorization != null) {
                request.putHeader(HttpHeaders.AUTHORIZATION, authorization);
            }
            if (apiKey != null) {
                request.putHeader(ApiKeyMechanism.API_KEY_HEADER, apiKey);
            }
        }
    }

    private final HttpClient http;

    public OwnerClient(Vertx vertx) {
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) CONNECT_TIMEOUT.toMillis())
                .setKeepAlive(true)
                .setMaxPoolSize(32));
    }

    /** The owner's answer; fails (exceptionally) when it cannot be reached or does not answer in time. */
    public CompletionStage<Answer> entityFeatures(HostInfo owner, HostInfo self, String pipeline, String entity,
                                                  String value, Credentials caller) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET)
                .setHost(owner.host()).setPort(owner.port())
                .setURI("/v1/pipelines/" + segment(pipeline) + "/features/" + segment(entity) + "/" + segment(value))
                .putHeader("Accept", "application/json")
                .putHeader(FORWARDED_HEADER, self.host() + ":" + self.port())
                .setIdleTimeout(ANSWER_TIMEOUT.toMillis());
        caller.addTo(request);
        return http.request(request)
                .compose(sent -> sent.send())
                .compose(response -> response.body().map(body -> new Answer(response.statusCode(), body.getBytes(),
                        Optional.ofNullable(response.getHeader("Retry-After")),
                        Optional.ofNullable(response.getHeader(SERVED_BY_HEADER)))))
                .toCompletionStage();
    }

    @PreDestroy
    void close() {
        http.close();
    }

    /** A path segment, percent-encoded (URLEncoder encodes for forms: a space must be %20, not +). */
    private static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
