package dev.flywheel.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.spec.BaselineRule;

/**
 * The spec's rule-based baseline as a servable model ({@code rule}): an example the rule holds for scores
 * 1, any other 0. Nothing is fitted; it can be registered like any model, e.g. when no candidate beats it.
 *
 * @param featureNames the features a row holds, in order; the rule may read any of them
 */
public record RuleModel(BaselineRule rule, List<String> featureNames) implements TrainedModel {

    public static final String MODEL_TYPE = "rule";

    /** What {@link RuleFamily#RULE_FILE} holds. */
    record RuleFile(String rule) {
    }

    public RuleModel {
        featureNames = List.copyOf(featureNames);
        List<String> unknown = rule.unknownFeatures(featureNames);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("the rule '" + rule.text() + "' reads " + unknown
                    + ", which are not among the features " + featureNames);
        }
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public int width() {
        return featureNames.size();
    }

    @Override
    public Map<String, byte[]> artifactFiles() {
        try {
            return Map.of(RuleFamily.RULE_FILE, Json.mapper().writeValueAsBytes(new RuleFile(rule.text())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Scorer scorer() {
        return new RuleScorer(rule, featureNames);
    }

    @Override
    public Map<String, Object> effectiveParams() {
        return Map.of("rule", rule.canonical());
    }

    @Override
    public double positiveWeight() {
        return 1;
    }

    @Override
    public Duration duration() {
        return Duration.ZERO;
    }

    @Override
    public void checkDescribedBy(ModelMetadata metadata) {
        TrainedModel.super.checkDescribedBy(metadata);
        if (!metadata.featureNames().equals(featureNames)) {
            throw new IllegalArgumentException("metadata names the features " + metadata.featureNames()
                    + " but the rule was built over " + featureNames);
        }
    }
}
