package dev.flywheel.ingest.file;

import java.io.Closeable;
import java.io.IOException;

/** Reads records one at a time from a stream; never holds more than the current record in memory. */
public interface RecordReader extends Closeable {

    /** The next record, or null when the input ended. */
    SourceRecord next() throws UnreadableInput;

    @Override
    void close() throws IOException;
}
