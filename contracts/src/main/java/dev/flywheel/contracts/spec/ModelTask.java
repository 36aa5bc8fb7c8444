package dev.flywheel.contracts.spec;

import java.util.Locale;

/** What a model learns; it decides which label type, metrics and model types fit. */
public enum ModelTask implements SpecKeyword {
    /** Scores in [0, 1]; needs a binary label. */
    BINARY_CLASSIFICATION(LabelType.BINARY),
    /** Predicts a number; needs a numeric label. */
    REGRESSION(LabelType.NUMERIC);

    private final LabelType labelType;

    ModelTask(LabelType labelType) {
        this.labelType = labelType;
    }

    @Override
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The label type this task learns from. */
    public LabelType labelType() {
        return labelType;
    }
}
