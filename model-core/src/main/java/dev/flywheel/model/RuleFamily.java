package dev.flywheel.model;

import java.io.IOException;
import java.util.Set;

import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.spec.BaselineRule;

/**
 * The rule-based baseline ({@code rule}). Artifact: {@value #RULE_FILE}, {@code {"rule": "tx_amount > 220"}};
 * the features it reads are the metadata's feature names. Not trained.
 */
final class RuleFamily implements ModelFamily {

    static final String RULE_FILE = "rule.json";

    @Override
    public Set<String> modelTypes() {
        return Set.of(RuleModel.MODEL_TYPE);
    }

    @Override
    public Scorer load(ModelMetadata metadata, ArtifactFiles files) throws IOException {
        RuleModel.RuleFile file = Json.mapper().readValue(files.read(RULE_FILE), RuleModel.RuleFile.class);
        try {
            return new RuleScorer(BaselineRule.parse(file.rule()), metadata.featureNames());
        } catch (IllegalArgumentException e) {
            throw new IOException(RULE_FILE + ": " + e.getMessage(), e);
        }
    }
}
