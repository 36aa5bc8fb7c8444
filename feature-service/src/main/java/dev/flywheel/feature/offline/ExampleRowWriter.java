package dev.flywheel.feature.offline;

import java.io.IOException;

import dev.flywheel.contracts.event.ExampleLabelled;

/** Writes examples as rows of an export file: event id, event time, every feature in spec order, label. */
public interface ExampleRowWriter extends AutoCloseable {

    /** Column names of the event id, the event time and the label; feature columns are the spec's names. */
    String EVENT_ID = "event_id";
    String EVENT_TIME = "event_time";
    String LABEL = "label";

    void write(ExampleLabelled example) throws IOException;

    /** Flushes what is buffered; the stream underneath stays open (the HTTP layer owns it). */
    @Override
    void close() throws IOException;
}
