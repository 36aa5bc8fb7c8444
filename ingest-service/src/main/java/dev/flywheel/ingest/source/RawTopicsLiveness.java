package dev.flywheel.ingest.source;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Down when the raw-topics loop died of an unexpected error: the service still answers HTTP but no longer judges
 * what clients produce to the raw topics, which only a restart repairs. Failed publications (a backoff) are not a
 * reason to restart; the Kafka health check reports the broker itself.
 */
@Liveness
@Singleton
public class RawTopicsLiveness implements HealthCheck {

    private final RawTopicsLoop loop;

    public RawTopicsLiveness(RawTopicsLoop loop) {
        this.loop = loop;
    }

    @Override
    public HealthCheckResponse call() {
        RawTopicsLoop.State state = loop.state();
        return HealthCheckResponse.named("raw-topics")
                .status(state != RawTopicsLoop.State.DIED)
                .withData("state", state.name().toLowerCase())
                .build();
    }
}
