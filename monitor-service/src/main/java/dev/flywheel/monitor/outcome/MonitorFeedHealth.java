package dev.flywheel.monitor.outcome;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the feed knows which model serves each pipeline: before that, no drift can be judged. */
@Readiness
@Singleton
public class MonitorFeedHealth implements HealthCheck {

    private final MonitorFeed feed;

    public MonitorFeedHealth(MonitorFeed feed) {
        this.feed = feed;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("monitor feed caught up with models and drift").status(feed.caughtUp()).build();
    }
}
