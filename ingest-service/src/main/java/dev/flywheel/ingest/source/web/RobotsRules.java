package dev.flywheel.ingest.source.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import dev.flywheel.ingest.source.HttpFetcher;
import dev.flywheel.ingest.source.SourceUnavailable;

/**
 * The robots.txt rules of each host, fetched once per host and kept for a while, matched for our user agent (its
 * product token, {@code flywheelbot} for {@code FlywheelBot/0.1}) or else the {@code *} group. Parsing is
 * crawler-commons' {@link SimpleRobotRulesParser} (Apache-2.0, used by Apache Nutch and StormCrawler), which follows
 * RFC 9309: the longest matching {@code Allow}/{@code Disallow} wins; a missing robots.txt (4xx) allows everything;
 * a server error (5xx) or an unreachable host disallows everything until the next fetch.
 */
public final class RobotsRules {

    private final HttpFetcher http;
    private final HostPacer pacer;
    private final Duration keepFor;
    private final Clock clock;
    private final Map<String, Cached> byHostAndAgent = new ConcurrentHashMap<>();

    public RobotsRules(HttpFetcher http, HostPacer pacer, Duration keepFor, Clock clock) {
        this.http = http;
        this.pacer = pacer;
        this.keepFor = keepFor;
        this.clock = clock;
    }

    /** Whether {@code userAgent} may fetch {@code page}; fetches the host's robots.txt when not known or stale. */
    public boolean allows(URI page, String userAgent, Duration minDelay) throws InterruptedException {
        String key = HostPacer.hostOf(page) + " " + userAgent;
        Cached cached = byHostAndAgent.get(key);
        if (cached == null || cached.expires().isBefore(clock.instant())) {
            cached = new Cached(fetch(page, userAgent, minDelay), clock.instant().plus(keepFor));
            byHostAndAgent.put(key, cached);
        }
        return cached.rules().isAllowed(page.toString());
    }

    private BaseRobotRules fetch(URI page, String userAgent, Duration minDelay) throws InterruptedException {
        URI robots = page.resolve("/robots.txt");
        SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
        pacer.await(robots, minDelay);
        try {
            HttpFetcher.Answer answer = http.get(robots, robots.toString(), Map.of("User-Agent", userAgent), 0);
            if (!answer.ok()) {
                return parser.failedFetch(answer.status());
            }
            return parser.parseContent(robots.toString(), answer.body().getBytes(StandardCharsets.UTF_8),
                    answer.contentType().isEmpty() ? "text/plain" : answer.contentType(), List.of(productToken(userAgent)));
        } catch (SourceUnavailable unreachable) {
            return parser.failedFetch(503);
        } finally {
            pacer.done(robots, minDelay);
        }
    }

    /** {@code FlywheelBot/0.1 (+https://x)} → {@code flywheelbot}: what robots.txt groups name. */
    static String productToken(String userAgent) {
        String token = userAgent.strip().split("[/\\s]", 2)[0];
        return token.toLowerCase(Locale.ROOT);
    }

    private record Cached(BaseRobotRules rules, Instant expires) {
    }
}
