package dev.flywheel.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/** Reads the monitor's {@code /quality} answer: one entry per model version with outcomes and metrics. */
final class MonitorQuality {

    private MonitorQuality() {
    }

    static JsonNode version(JsonNode report, String modelVersion) {
        for (JsonNode version : report.path("versions")) {
            if (modelVersion.equals(version.path("modelVersion").asText())) {
                return version;
            }
        }
        return MissingNode.getInstance();
    }

    static long outcomes(JsonNode version) {
        return version.path("outcomes").asLong(0);
    }

    static long positives(JsonNode version) {
        return version.path("positives").asLong(0);
    }

    /** The metric's value, NaN while it is undefined (no outcome or no positive yet). */
    static double metric(JsonNode version, String metric) {
        JsonNode value = version.path("metrics").path(metric);
        return value.isNumber() ? value.doubleValue() : Double.NaN;
    }
}
