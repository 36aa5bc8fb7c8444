package dev.flywheel.contracts.spec;

import java.util.Locale;

/** Which concept-drift detector watches a pipeline's error stream ({@code monitoring.detector}). */
public enum DetectorType implements SpecKeyword {
    /** ADaptive WINdowing (Bifet &amp; Gavaldà 2007): a cut between two sub-windows whose means differ. */
    ADWIN,
    /** Drift Detection Method (Gama et al. 2004): the error rate rises above its minimum by k standard deviations. */
    DDM,
    /** Page–Hinkley test: the cumulative deviation of the error above its running mean exceeds λ. */
    PAGE_HINKLEY,
    /** No concept-drift detector. */
    NONE;

    @Override
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
