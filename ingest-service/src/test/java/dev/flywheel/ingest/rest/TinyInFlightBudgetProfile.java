package dev.flywheel.ingest.rest;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Two records in flight at most, and posts that do not wait for budget: back-pressure shows at once. */
public class TinyInFlightBudgetProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("flywheel.ingest.http.in-flight-max", "2",
                "flywheel.ingest.http.in-flight-wait", "0s",
                "flywheel.ingest.http.retry-after-seconds", "3");
    }
}
