package dev.flywheel.ingest.file;

/**
 * The input cannot be read past {@code index}: broken JSON syntax, bytes that are not UTF-8 inside
 * a CSV, a missing header row. Records read before it stand; nothing after it is read.
 */
public final class UnreadableInput extends Exception {

    private final int index;
    private final String rule;

    /** @param rule the violation's rule keyword: {@code json}, {@code csv} (syntax) or {@code read} (I/O) */
    public UnreadableInput(int index, String rule, String reason, Throwable cause) {
        super(reason, cause);
        this.index = index;
        this.rule = rule;
    }

    /** The rule keyword a refusal for this reason carries. */
    public String rule() {
        return isTooLarge() ? "size" : rule;
    }

    /** The position of the record that could not be read. */
    public int index() {
        return index;
    }

    /** Whether reading stopped because the body passed its size limit rather than being malformed. */
    public boolean isTooLarge() {
        for (Throwable c = getCause(); c != null; c = c.getCause()) {
            if (c instanceof CountingInputStream.TooLarge) {
                return true;
            }
        }
        return false;
    }
}
