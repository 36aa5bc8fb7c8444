package dev.flywheel.ingest.file;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * An input stream that keeps the bytes read through it from a chosen position on, so that a reader can take the
 * exact bytes of a value a streaming parser has just finished, although the parser reads ahead of that value.
 * Positions count bytes from the stream's start, as Jackson's byte offsets do. Memory: what was read since the last
 * {@link #releaseBefore} (a value and the parser's read-ahead).
 *
 * <p>Written here because neither the JDK nor Jackson keeps the source bytes of a parsed value; the buffer is only
 * compacted when it is full, so releasing after every value costs nothing.
 */
final class RetainingInputStream extends FilterInputStream {

    private byte[] kept = new byte[16 * 1024];
    /** Index in {@link #kept} of the first byte still kept; {@link #keptEnd} is one past the last. */
    private int keptStart;
    private int keptEnd;
    /** Stream position of {@code kept[keptStart]}. */
    private long keptFrom;

    RetainingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            ensureRoom(1);
            kept[keptEnd++] = (byte) b;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            ensureRoom(n);
            System.arraycopy(buffer, offset, kept, keptEnd, n);
            keptEnd += n;
        }
        return n;
    }

    /** Reads and keeps what is skipped, so positions stay right. */
    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(n, 8192)];
        int read = read(scratch, 0, scratch.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Forgets the bytes before stream position {@code position}. */
    void releaseBefore(long position) {
        long drop = Math.min(Math.max(position - keptFrom, 0), keptEnd - keptStart);
        keptStart += (int) drop;
        keptFrom += drop;
    }

    /** The bytes from stream position {@code from} up to {@code to}; null when they are no longer (or not yet) kept. */
    byte[] slice(long from, long to) {
        long last = keptFrom + (keptEnd - keptStart);
        if (from < keptFrom || to > last || to < from) {
            return null;
        }
        int start = keptStart + (int) (from - keptFrom);
        return Arrays.copyOfRange(kept, start, start + (int) (to - from));
    }

    private void ensureRoom(int n) {
        if (keptEnd + n <= kept.length) {
            return;
        }
        int live = keptEnd - keptStart;
        if (live + n > kept.length) {
            kept = Arrays.copyOf(kept, Math.max(kept.length * 2, live + n));
        }
        System.arraycopy(kept, keptStart, kept, 0, live);
        keptStart = 0;
        keptEnd = live;
    }
}
