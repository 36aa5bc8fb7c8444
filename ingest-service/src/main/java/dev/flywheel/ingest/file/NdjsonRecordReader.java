package dev.flywheel.ingest.file;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads {@code application/x-ndjson}: one JSON object per line, blank lines skipped. Lines are split
 * on bytes and decoded one by one, so a line that is not UTF-8 or longer than the record limit is
 * refused at its index while the lines around it are still read. Indexes are 0-based line numbers.
 */
final class NdjsonRecordReader implements RecordReader {

    private final InputStream in;
    private final int maxLineBytes;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int lineIndex = -1;
    private boolean ended;

    NdjsonRecordReader(InputStream in, int maxLineBytes) {
        this.in = new BufferedInputStream(in, 64 * 1024);
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public SourceRecord next() throws UnreadableInput {
        try {
            while (!ended) {
                lineIndex++;
                long length = readLine();
                if (length > maxLineBytes) {
                    return SourceRecord.refused(lineIndex, "size", "line " + (lineIndex + 1) + " is " + length
                            + " bytes, more than the " + maxLineBytes + " a record may have", lossy());
                }
                String text;
                byte[] bytes = line.toByteArray();
                try {
                    text = utf8.decode(ByteBuffer.wrap(bytes)).toString();
                } catch (CharacterCodingException e) {
                    return SourceRecord.refused(lineIndex, "encoding", "line " + (lineIndex + 1) + " is not valid UTF-8 ("
                            + e.getMessage() + ")", lossy());
                }
                if (!text.isBlank()) {
                    return SourceRecord.of(lineIndex, text, bytes);
                }
            }
            return null;
        } catch (IOException e) {
            throw new UnreadableInput(Math.max(lineIndex, 0), "read", "the body could not be read at line "
                    + (lineIndex + 1) + ": " + e.getMessage(), e);
        }
    }

    /** Reads up to the next newline into {@code line} (dropping what passes the limit); returns the length. */
    private long readLine() throws IOException {
        line.reset();
        long length = 0;
        int last = -1;
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            length++;
            last = b;
            if (length <= maxLineBytes) {
                line.write(b);
            }
        }
        if (b == -1) {
            ended = true;
        }
        if (last == '\r') {
            if (length <= maxLineBytes) {
                byte[] bytes = line.toByteArray();
                line.reset();
                line.write(bytes, 0, bytes.length - 1);
            }
            length--;
        }
        return length;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** The line as far as it was kept, bytes that are not UTF-8 replaced: what a rejection keeps of it. */
    private String lossy() {
        return new String(line.toByteArray(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
