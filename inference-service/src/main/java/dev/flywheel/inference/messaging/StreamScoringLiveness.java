package dev.flywheel.inference.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live unless this instance's stream scoring loop stopped on an error it cannot recover from ({@code failed}):
 * then the feature stream's partitions this instance owned would wait for a rebalance that never comes, and a
 * restart is the cure. {@code fenced} stays live: another process runs under this transactional id and scores,
 * and restarting this one would only fence that one in turn.
 */
@Liveness
@ApplicationScoped
public class StreamScoringLiveness implements HealthCheck {

    private final StreamScoring scoring;

    public StreamScoringLiveness(StreamScoring scoring) {
        this.scoring = scoring;
    }

    @Override
    public HealthCheckResponse call() {
        String state = scoring.state();
        return HealthCheckResponse.named("stream scoring").withData("state", state)
                .status(!state.equals("failed")).build();
    }
}
