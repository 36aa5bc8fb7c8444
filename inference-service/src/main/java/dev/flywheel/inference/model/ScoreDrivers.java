package dev.flywheel.inference.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What drove one score, by perturbation: for each feature, the row's score minus the score of the same row with
 * that feature alone set to its typical value (the median of the version's training reference). A positive
 * contribution means the feature's value raised the score above what a typical value would give. It works for every
 * model family alike (networks, XGBoost, ONNX, rules) and costs one batch of {@code features + 1} rows; it is local
 * and one-at-a-time, so interactions between features are not split out. A feature without a typical value (no
 * reference stored with the version) gets no contribution.
 */
public final class ScoreDrivers {

    public static final String METHOD = "perturbation: score minus the score with the feature alone set to its "
            + "median in the version's training reference; positive raises the score";

    /** One feature's part in a score. */
    public record Driver(String feature, double value, Double typical, Double contribution) {
    }

    /** The score, and every feature's driver, largest absolute contribution first. */
    public record Explanation(String modelVersion, double score, String method, List<Driver> drivers) {
    }

    private ScoreDrivers() {
    }

    public static Explanation explain(ServingModel model, double[] row) {
        List<String> names = model.featureNames();
        Map<String, Double> typical = model.typicalValues();
        List<Integer> perturbed = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        rows.add(row);
        for (int f = 0; f < names.size(); f++) {
            Double value = typical.get(names.get(f));
            if (value != null) {
                double[] changed = row.clone();
                changed[f] = value;
                rows.add(changed);
                perturbed.add(f);
            }
        }
        double[] scores = model.scoreBatch(rows.toArray(double[][]::new));
        Double[] contributions = new Double[names.size()];
        for (int i = 0; i < perturbed.size(); i++) {
            contributions[perturbed.get(i)] = scores[0] - scores[i + 1];
        }
        List<Driver> drivers = new ArrayList<>();
        for (int f = 0; f < names.size(); f++) {
            drivers.add(new Driver(names.get(f), row[f], typical.get(names.get(f)), contributions[f]));
        }
        drivers.sort(Comparator.comparingDouble((Driver d) -> d.contribution() == null ? -1 : Math.abs(d.contribution()))
                .reversed());
        return new Explanation(model.version(), scores[0], METHOD, drivers);
    }
}
