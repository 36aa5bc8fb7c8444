package dev.flywheel.monitor.concept;

import java.util.Map;

import dev.flywheel.contracts.spec.DetectorType;

/**
 * A detector's decision that the error rate changed, with its evidence.
 *
 * @param index     0-based position in the error stream of the outcome that completed the detection
 * @param statistic the name of the tested quantity (e.g. {@code mean_difference}, {@code p_plus_s})
 * @param observed  its value at the alarm
 * @param threshold the bound it crossed
 * @param evidence  further figures: window sizes and position, means, the detector's parameters
 */
public record DetectorAlarm(DetectorType detector, long index, String statistic, double observed, double threshold,
                            Map<String, Double> evidence) {

    public DetectorAlarm {
        evidence = Map.copyOf(evidence);
    }
}
