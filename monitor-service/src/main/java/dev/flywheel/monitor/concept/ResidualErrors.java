package dev.flywheel.monitor.concept;

import dev.flywheel.contracts.spec.DetectorType;

/**
 * What a regression's concept-drift detector watches in place of a misclassification: consumes each outcome's
 * prediction and true value, produces the detector's next input from the absolute error {@code |y − ŷ|} measured in
 * units of the served version's held-out MAE.
 *
 * <ul>
 *   <li>ADWIN and Page–Hinkley get {@code min(|y − ŷ| / (4·MAE), 1)}. Page–Hinkley on the absolute error is how
 *       FIMT-DD (Ikonomovska, Gama &amp; Džeroski, 2011), the standard stream regression tree, detects concept
 *       drift; ADWIN (Bifet &amp; Gavaldà, 2007) detects a change of the mean of any stream bounded in [0, 1],
 *       which its cut bound assumes, hence the clip. Dividing by the reference MAE makes the spec's δ and λ mean the
 *       same for any unit of the label (minutes or euros); while the model is as good as on its holdout the mean
 *       input is about 0.25, and clipping at 4 MAE keeps one wild label from moving it much.</li>
 *   <li>DDM models a Bernoulli error rate ({@code s = sqrt(p(1 − p)/n)}), so it gets an exceedance instead:
 *       1 when {@code |y − ŷ| > MAE}, else 0: about 42 % of outcomes for Gaussian residuals, a rate near one half,
 *       where DDM's normal approximation of the binomial holds best (at a 2-MAE exceedance, ~11 %, a simulation of
 *       400,000 stationary outcomes gave DDM 15 false alarms; at 1 MAE, 3).</li>
 * </ul>
 */
public final class ResidualErrors {

    /** The absolute error, in reference MAEs, that maps to 1 for ADWIN and Page–Hinkley. */
    static final double CLIP_MAES = 4;
    /** The absolute error, in reference MAEs, above which an outcome counts as an error (DDM, and the tally). */
    static final double EXCEEDANCE_MAES = 1;

    private final double referenceMae;
    private final boolean bernoulli;

    /**
     * @param referenceMae the served version's held-out MAE
     * @throws IllegalArgumentException when it is not a positive number (nothing to measure errors against)
     */
    public ResidualErrors(double referenceMae, DetectorType detector) {
        if (!(referenceMae > 0) || !Double.isFinite(referenceMae)) {
            throw new IllegalArgumentException("the reference MAE must be a positive number but was " + referenceMae);
        }
        this.referenceMae = referenceMae;
        this.bernoulli = detector == DetectorType.DDM;
    }

    /** The detector's input for one outcome. */
    public double input(double prediction, double label) {
        double maes = Math.abs(label - prediction) / referenceMae;
        if (bernoulli) {
            return maes > EXCEEDANCE_MAES ? 1 : 0;
        }
        return Math.min(maes / CLIP_MAES, 1);
    }

    /** Whether the outcome's error exceeds {@value #EXCEEDANCE_MAES} reference MAEs (what the state counts as errors). */
    public boolean exceeds(double prediction, double label) {
        return Math.abs(label - prediction) > EXCEEDANCE_MAES * referenceMae;
    }
}
