package dev.flywheel.ingest.source;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.jboss.logging.Logger;

/**
 * GETs a source's URL with its headers and retries what may pass (connection errors, 5xx, 429) with exponential
 * backoff and jitter; other statuses fail at once. Shared by the readers of a service: one {@link HttpClient}.
 */
public final class HttpFetcher {

    private static final Logger LOG = Logger.getLogger(HttpFetcher.class);

    private final HttpClient client;
    private final Duration timeout;
    private final Backoff backoff;

    public HttpFetcher(Duration timeout, Backoff backoff) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.timeout = timeout;
        this.backoff = backoff;
    }

    /** One answer: its status and body. */
    public record Answer(int status, String body, String contentType) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    /**
     * The answer to a GET, after up to {@code retries} retries of transient failures.
     *
     * @param shownAs how the URL appears in logs and errors (as the spec wrote it, references unresolved)
     * @throws SourceUnavailable when the last attempt failed too, or at once on a status that will not pass
     */
    public Answer get(URI uri, String shownAs, Map<String, String> headers, int retries)
            throws SourceUnavailable, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        headers.forEach(request::header);
        String failure = "";
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0) {
                Duration wait = backoff.delay(attempt);
                LOG.debugf("GET %s failed (%s); retry %d of %d in %d ms", shownAs, failure, attempt, retries,
                        wait.toMillis());
                Thread.sleep(wait.toMillis());
            }
            try {
                HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                Answer answer = new Answer(response.statusCode(), response.body(),
                        response.headers().firstValue("Content-Type").orElse(""));
                if (answer.ok() || !transientStatus(answer.status())) {
                    return answer;
                }
                failure = "status " + answer.status();
            } catch (IOException e) {
                failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
        }
        throw new SourceUnavailable("GET " + shownAs + " failed " + (retries + 1) + " time(s), last with " + failure);
    }

    private static boolean transientStatus(int status) {
        return status >= 500 || status == 429 || status == 408;
    }
}
