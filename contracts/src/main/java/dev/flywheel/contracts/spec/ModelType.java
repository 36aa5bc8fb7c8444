package dev.flywheel.contracts.spec;

import java.util.Locale;

/** The model families the training service can fit. */
public enum ModelType implements SpecKeyword {
    MLP(true),
    LOGISTIC_REGRESSION(false),
    XGBOOST(true),
    RANDOM_FOREST(true),
    DECISION_TREE(true);

    private final boolean regresses;

    ModelType(boolean regresses) {
        this.regresses = regresses;
    }

    @Override
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this family can serve the task; logistic regression only classifies. */
    public boolean supports(ModelTask task) {
        return task == ModelTask.BINARY_CLASSIFICATION || regresses;
    }
}
