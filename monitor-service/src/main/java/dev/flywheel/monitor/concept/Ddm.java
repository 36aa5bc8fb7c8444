package dev.flywheel.monitor.concept;

import java.util.Map;
import java.util.Optional;

import dev.flywheel.contracts.spec.DetectorType;

/**
 * DDM (Gama, Medas, Castillo &amp; Rodrigues, SBIA 2004): the error stream is a sequence of Bernoulli trials with
 * running error rate p and standard deviation s = sqrt(p(1 − p)/n). After {@code warmUp} outcomes the detector
 * keeps (p<sub>min</sub>, s<sub>min</sub>) where p + s was smallest; p + s above p<sub>min</sub> + warning·s<sub>min</sub>
 * is a warning (kept as a state), above p<sub>min</sub> + drift·s<sub>min</sub> a drift, after which it starts over.
 * On a stream with no error during the warm-up s<sub>min</sub> is 0 and the first error is a drift: the paper's
 * rule, kept as it is.
 */
public final class Ddm implements ErrorStreamDetector {

    private final double warningLevel;
    private final double driftLevel;
    private final int warmUp;
    private long seen;
    private long n;
    private double p;
    private double pMin;
    private double sMin;
    private double psMin;
    private boolean warning;

    public Ddm(double warningLevel, double driftLevel, int warmUp) {
        if (!(warningLevel > 0 && driftLevel > warningLevel)) {
            throw new IllegalArgumentException("DDM needs 0 < warning < drift but warning was " + warningLevel
                    + " and drift " + driftLevel);
        }
        this.warningLevel = warningLevel;
        this.driftLevel = driftLevel;
        this.warmUp = warmUp;
        reset();
    }

    @Override
    public Optional<DetectorAlarm> update(double error) {
        seen++;
        n++;
        p += (error - p) / n;
        double s = Math.sqrt(p * (1 - p) / n);
        if (n <= warmUp) {
            return Optional.empty();
        }
        if (p + s <= psMin) {
            pMin = p;
            sMin = s;
            psMin = p + s;
        }
        double driftBound = pMin + driftLevel * sMin;
        if (p + s > driftBound) {
            DetectorAlarm alarm = new DetectorAlarm(DetectorType.DDM, seen - 1, "p_plus_s", p + s, driftBound,
                    Map.of("window", (double) n, "window_start", (double) (seen - n), "p", p, "s", s,
                            "p_min", pMin, "s_min", sMin, "drift_level", driftLevel));
            reset();
            return Optional.of(alarm);
        }
        warning = p + s > pMin + warningLevel * sMin;
        return Optional.empty();
    }

    /** Whether the error rate is past the warning level (and not yet at the drift level). */
    public boolean warning() {
        return warning;
    }

    @Override
    public DetectorType type() {
        return DetectorType.DDM;
    }

    @Override
    public long seen() {
        return seen;
    }

    private void reset() {
        n = 0;
        p = 0;
        pMin = Double.POSITIVE_INFINITY;
        sMin = Double.POSITIVE_INFINITY;
        psMin = Double.POSITIVE_INFINITY;
        warning = false;
    }
}
