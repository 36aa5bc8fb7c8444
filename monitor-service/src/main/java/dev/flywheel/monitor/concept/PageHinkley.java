package dev.flywheel.monitor.concept;

import java.util.Map;
import java.util.Optional;

import dev.flywheel.contracts.spec.DetectorType;

/**
 * Page–Hinkley test for an increase of the error rate, river's variant ({@code PageHinkley(mode="up")}, with a
 * fading factor α): with x̄<sub>T</sub> the running mean since the last reset,
 * <pre>m_T = α·m_{T−1} + (x_T − x̄_T − δ),  M_T = min(M_{T−1}, m_T),  drift when m_T − M_T &gt; λ</pre>
 * once at least {@code minInstances} outcomes were seen; then it starts over. α = 1 is the classic test.
 */
public final class PageHinkley implements ErrorStreamDetector {

    private final double delta;
    private final double lambda;
    private final double alpha;
    private final int minInstances;
    private long seen;
    private long n;
    private double mean;
    private double m;
    private double mMin;

    public PageHinkley(double delta, double lambda, double alpha, int minInstances) {
        if (!(lambda > 0) || !(alpha > 0 && alpha <= 1) || !(delta >= 0)) {
            throw new IllegalArgumentException("Page-Hinkley needs delta >= 0, lambda > 0 and alpha in (0, 1] but got "
                    + "delta " + delta + ", lambda " + lambda + ", alpha " + alpha);
        }
        this.delta = delta;
        this.lambda = lambda;
        this.alpha = alpha;
        this.minInstances = minInstances;
        reset();
    }

    @Override
    public Optional<DetectorAlarm> update(double error) {
        seen++;
        n++;
        mean += (error - mean) / n;
        m = alpha * m + (error - mean - delta);
        mMin = Math.min(mMin, m);
        if (n >= minInstances && m - mMin > lambda) {
            DetectorAlarm alarm = new DetectorAlarm(DetectorType.PAGE_HINKLEY, seen - 1, "ph_statistic", m - mMin,
                    lambda, Map.of("window", (double) n, "window_start", (double) (seen - n), "mean", mean,
                            "cumulative", m, "cumulative_min", mMin, "delta", delta, "alpha", alpha));
            reset();
            return Optional.of(alarm);
        }
        return Optional.empty();
    }

    @Override
    public DetectorType type() {
        return DetectorType.PAGE_HINKLEY;
    }

    @Override
    public long seen() {
        return seen;
    }

    private void reset() {
        n = 0;
        mean = 0;
        m = 0;
        mMin = Double.POSITIVE_INFINITY;
    }
}
