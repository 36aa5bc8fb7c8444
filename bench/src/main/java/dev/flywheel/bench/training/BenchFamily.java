package dev.flywheel.bench.training;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.flywheel.contracts.spec.ModelType;
import dev.flywheel.model.CandidateTraining;
import dev.flywheel.model.ModelFamilies;

/**
 * The three model families the training bench times and tunes, each with the params Flywheel trains it with by
 * default (the card-fraud pipeline's candidates; xgboost's defaults), and its scikit-learn counterpart's name.
 */
enum BenchFamily {

    LOGISTIC_REGRESSION(ModelType.LOGISTIC_REGRESSION, "LogisticRegression"),
    XGBOOST(ModelType.XGBOOST, "HistGradientBoostingClassifier"),
    MLP(ModelType.MLP, "MLPClassifier");

    private final ModelType type;
    private final String sklearnCounterpart;

    BenchFamily(ModelType type, String sklearnCounterpart) {
        this.type = type;
        this.sklearnCounterpart = sklearnCounterpart;
    }

    ModelType type() {
        return type;
    }

    String keyword() {
        return type.keyword();
    }

    String sklearnCounterpart() {
        return sklearnCounterpart;
    }

    /** Flywheel's default training of the family; {@code threads} only where the family has the param. */
    Map<String, Object> defaultParams(int threads) {
        Map<String, Object> params = new LinkedHashMap<>();
        switch (this) {
            case MLP -> {
                params.put("hidden", List.of(32, 16));
                params.put("epochs", 8);
                params.put("learningRate", 0.001);
            }
            case XGBOOST -> params.put("threads", threads);
            default -> { }
        }
        return params;
    }

    CandidateTraining training(Map<String, Object> params) {
        return ModelFamilies.training(type, params);
    }

    /** The family named by its model type keyword. */
    static BenchFamily of(String keyword) {
        return Arrays.stream(values()).filter(family -> family.keyword().equals(keyword)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown family '" + keyword + "'; expected one of "
                        + Arrays.stream(values()).map(BenchFamily::keyword).toList()));
    }
}
