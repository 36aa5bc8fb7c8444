package dev.flywheel.contracts.spec;

import java.util.Locale;

/** The kind of value a label is. */
public enum LabelType implements SpecKeyword {
    /** Two classes; {@link LabelSpec#positive()} says which value is the positive one. */
    BINARY,
    /** A number, for regression. */
    NUMERIC;

    @Override
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
