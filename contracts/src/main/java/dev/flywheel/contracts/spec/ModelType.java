package dev.flywheel.contracts.spec;

import java.util.Locale;

/** The model families the training service can fit. */
public enum ModelType implements SpecKeyword {
    MLP(true, true),
    LOGISTIC_REGRESSION(true, false),
    /** Ordinary least squares; only regresses. */
    LINEAR_REGRESSION(false, true),
    XGBOOST(true, true),
    RANDOM_FOREST(true, true),
    DECISION_TREE(true, true);

    private final boolean classifies;
    private final boolean regresses;

    ModelType(boolean classifies, boolean regresses) {
        this.classifies = classifies;
        this.regresses = regresses;
    }

    @Override
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this family can serve the task; logistic regression only classifies, linear regression only regresses. */
    public boolean supports(ModelTask task) {
        return task == ModelTask.BINARY_CLASSIFICATION ? classifies : regresses;
    }
}
