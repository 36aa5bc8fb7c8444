package dev.flywheel.training.dataset;

/** The examples cannot make an honest training: too few, or a slice without positives. */
public class DatasetRefusedException extends Exception {

    private final DatasetSummary summary;

    public DatasetRefusedException(String reason, DatasetSummary summary) {
        super(reason);
        this.summary = summary;
    }

    /** What was counted before the refusal. */
    public DatasetSummary summary() {
        return summary;
    }
}
