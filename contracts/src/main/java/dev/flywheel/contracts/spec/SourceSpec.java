package dev.flywheel.contracts.spec;

/** A place the ingest service pulls a pipeline's events from (spec section {@code sources}). */
public interface SourceSpec {

    /** Unique within the pipeline; names the source's remembered position. */
    String name();
}
