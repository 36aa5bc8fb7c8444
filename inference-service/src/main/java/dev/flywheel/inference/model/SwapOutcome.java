package dev.flywheel.inference.model;

/** What applying one promotion did. */
public enum SwapOutcome {
    /** The new model serves now. */
    SWAPPED,
    /** That version was serving already (a re-delivered or repeated promotion): nothing changed. */
    ALREADY_SERVING,
    /** The model could not be loaded or warmed up; the previous one, if any, keeps serving. */
    LOAD_FAILED,
    /** This service does not run the pipeline. */
    UNKNOWN_PIPELINE
}
