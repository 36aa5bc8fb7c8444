package dev.flywheel.model;

import java.util.List;

import dev.flywheel.contracts.spec.BaselineRule;

/**
 * Scores with a {@link BaselineRule}: 1 when the rule holds for the row, else 0. The feature names are
 * resolved to column indexes once. Pure Java, so thread-safe and nothing to free.
 */
final class RuleScorer implements Scorer {

    private final int width;
    /** Per {@code or}-group, per condition: the column it reads. */
    private final int[][] columns;
    private final BaselineRule.Condition[][] conditions;
    private volatile boolean closed;

    RuleScorer(BaselineRule rule, List<String> featureNames) {
        this.width = featureNames.size();
        this.columns = new int[rule.anyOf().size()][];
        this.conditions = new BaselineRule.Condition[rule.anyOf().size()][];
        for (int g = 0; g < columns.length; g++) {
            List<BaselineRule.Condition> group = rule.anyOf().get(g);
            columns[g] = new int[group.size()];
            conditions[g] = group.toArray(BaselineRule.Condition[]::new);
            for (int c = 0; c < group.size(); c++) {
                columns[g][c] = featureNames.indexOf(group.get(c).feature());
                if (columns[g][c] < 0) {
                    throw new IllegalArgumentException("the rule reads " + group.get(c).feature()
                            + ", which is not among the features " + featureNames);
                }
            }
        }
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public double score(double[] features) {
        if (closed) {
            throw new IllegalStateException("scorer is closed");
        }
        if (features.length != width) {
            throw new IllegalArgumentException("expected " + width + " features but got " + features.length);
        }
        for (int g = 0; g < columns.length; g++) {
            if (allHold(g, features)) {
                return 1;
            }
        }
        return 0;
    }

    private boolean allHold(int group, double[] features) {
        for (int c = 0; c < columns[group].length; c++) {
            if (!conditions[group][c].holds(features[columns[group][c]])) {
                return false;
            }
        }
        return true;
    }


    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
