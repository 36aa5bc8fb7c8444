package dev.flywheel.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.flywheel.contracts.event.OffsetRange;

/**
 * What a registry version is: written as {@code model.json} beside the family's artifact files.
 *
 * @param formatVersion    layout of the artifact; {@link #FORMAT_VERSION} for this code
 * @param version          a positive integer as text, increasing per pipeline
 * @param candidate        the spec's candidate name that produced it
 * @param modelType        the family's model type keyword ({@code mlp}, {@code logistic_regression},
 *                         {@code xgboost}, {@code rule}, {@code onnx}); {@link ModelFamilies} reads it back
 * @param featureNames     the inputs, in the order {@link Scorer#score} expects them
 * @param hidden           hidden layer sizes of a network; empty for logistic regression and other families
 * @param standardisation  input centring and scaling fitted on the training slice; networks only, null for
 *                         families that take raw values
 * @param threshold        the spec's decision threshold when it was trained
 * @param trainingParams   the effective training parameters, defaults included
 * @param positiveWeight   the loss weight of a positive example (class imbalance)
 * @param metrics          held-out metrics by name (average_precision, roc_auc, ...)
 * @param dataset          the topic/partition/offset ranges the dataset was read from
 * @param trainingExamples rows of the training slice
 * @param holdoutExamples  rows of the held-out (later) slice the metrics come from
 * @param trigger          why it was trained: manual, schedule, drift, bootstrap
 * @param trainingDuration wall time of fitting the network
 * @param artifacts        SHA-256 (hex) of every artifact file by file name, so a loader can verify them;
 *                         empty in versions written before checksums were recorded ({@code formatVersion} 1)
 * @param cleaning         the cleaning fitted on the training slice, which serving applies to each row before
 *                         scoring; null when the spec asked for none, and in artifacts written before cleaning
 */
public record ModelMetadata(int formatVersion, String pipeline, String version, String candidate, String modelType,
                            List<String> featureNames, List<Integer> hidden, Standardisation standardisation,
                            double threshold, Map<String, Object> trainingParams, double positiveWeight,
                            Map<String, Double> metrics, List<OffsetRange> dataset, int trainingExamples,
                            int holdoutExamples, String trigger, Instant createdAt, Duration trainingDuration,
                            Map<String, String> artifacts, CleaningSteps cleaning) {

    /** 2: {@code artifacts} holds the files' checksums; 1 (still read): no checksums, a DJL network. */
    public static final int FORMAT_VERSION = 2;

    public ModelMetadata {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(version, "version");
        if (!RegistryLayout.isVersion(version)) {
            throw new IllegalArgumentException("version must be a positive integer but was '" + version + "'");
        }
        featureNames = List.copyOf(featureNames);
        hidden = List.copyOf(hidden);
        Objects.requireNonNull(modelType, "modelType");
        if (standardisation != null && standardisation.width() != featureNames.size()) {
            throw new IllegalArgumentException(featureNames.size() + " feature names but a standardisation of "
                    + standardisation.width());
        }
        trainingParams = trainingParams == null ? Map.of() : Map.copyOf(trainingParams);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        dataset = dataset == null ? List.of() : List.copyOf(dataset);
        artifacts = artifacts == null ? Map.of() : Map.copyOf(artifacts);
        if (cleaning != null && !cleaning.kept().equals(featureNames)) {
            throw new IllegalArgumentException("the cleaning keeps " + cleaning.kept() + " but the features are "
                    + featureNames);
        }
    }

    /** Without artifact checksums (written by {@link ModelArtifacts#write}), with the fitted cleaning. */
    public ModelMetadata(int formatVersion, String pipeline, String version, String candidate, String modelType,
                         List<String> featureNames, List<Integer> hidden, Standardisation standardisation,
                         double threshold, Map<String, Object> trainingParams, double positiveWeight,
                         Map<String, Double> metrics, List<OffsetRange> dataset, int trainingExamples,
                         int holdoutExamples, String trigger, Instant createdAt, Duration trainingDuration,
                         CleaningSteps cleaning) {
        this(formatVersion, pipeline, version, candidate, modelType, featureNames, hidden, standardisation, threshold,
                trainingParams, positiveWeight, metrics, dataset, trainingExamples, holdoutExamples, trigger, createdAt,
                trainingDuration, Map.of(), cleaning);
    }

    /** With artifact checksums, without cleaning. */
    public ModelMetadata(int formatVersion, String pipeline, String version, String candidate, String modelType,
                         List<String> featureNames, List<Integer> hidden, Standardisation standardisation,
                         double threshold, Map<String, Object> trainingParams, double positiveWeight,
                         Map<String, Double> metrics, List<OffsetRange> dataset, int trainingExamples,
                         int holdoutExamples, String trigger, Instant createdAt, Duration trainingDuration,
                         Map<String, String> artifacts) {
        this(formatVersion, pipeline, version, candidate, modelType, featureNames, hidden, standardisation, threshold,
                trainingParams, positiveWeight, metrics, dataset, trainingExamples, holdoutExamples, trigger, createdAt,
                trainingDuration, artifacts, null);
    }

    /** Metadata without artifact checksums: {@link ModelArtifacts#write} records them. */
    public ModelMetadata(int formatVersion, String pipeline, String version, String candidate, String modelType,
                         List<String> featureNames, List<Integer> hidden, Standardisation standardisation,
                         double threshold, Map<String, Object> trainingParams, double positiveWeight,
                         Map<String, Double> metrics, List<OffsetRange> dataset, int trainingExamples,
                         int holdoutExamples, String trigger, Instant createdAt, Duration trainingDuration) {
        this(formatVersion, pipeline, version, candidate, modelType, featureNames, hidden, standardisation, threshold,
                trainingParams, positiveWeight, metrics, dataset, trainingExamples, holdoutExamples, trigger,
                createdAt, trainingDuration, Map.of(), null);
    }

    /** The architecture these parameters belong to (network families only). */
    public NetworkShape shape() {
        return new NetworkShape(featureNames.size(), hidden);
    }

    /** The same metadata with the artifacts' checksums, as written. */
    public ModelMetadata withArtifacts(Map<String, String> checksums) {
        return new ModelMetadata(FORMAT_VERSION, pipeline, version, candidate, modelType, featureNames, hidden,
                standardisation, threshold, trainingParams, positiveWeight, metrics, dataset, trainingExamples,
                holdoutExamples, trigger, createdAt, trainingDuration, checksums, cleaning);
    }
}
