package dev.flywheel.ingest.file;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read through it (for upload progress) and, given a limit, fails with
 * {@link TooLarge} as soon as more than that was read, so an oversized body is refused without being
 * read to its end.
 */
public final class CountingInputStream extends FilterInputStream {

    private final long limit;
    private volatile long count;

    public CountingInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    public static CountingInputStream unlimited(InputStream in) {
        return new CountingInputStream(in, Long.MAX_VALUE);
    }

    public long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        add(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void add(long n) throws TooLarge {
        count += n;
        if (count > limit) {
            throw new TooLarge(limit);
        }
    }

    /** The body passed its size limit. */
    public static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("the body is larger than " + limit + " bytes");
        }
    }
}
