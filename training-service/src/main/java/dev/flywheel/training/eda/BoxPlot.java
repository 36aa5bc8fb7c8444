package dev.flywheel.training.eda;

import java.util.List;

/**
 * A box plot by Tukey's rule: fences at {@code q1 - 1.5 IQR} and {@code q3 + 1.5 IQR}; whiskers at the most
 * extreme values inside the fences; values beyond them are outliers.
 *
 * @param lowExamples  the most extreme low outliers, lowest first
 * @param highExamples the most extreme high outliers, highest first
 * @param exact        false when the outlier counts are estimated from the quantile sketch
 */
public record BoxPlot(double q1, double median, double q3, double lowerFence, double upperFence, double lowWhisker,
                      double highWhisker, long outliers, long lowOutliers, long highOutliers, List<Double> lowExamples,
                      List<Double> highExamples, boolean exact) {

    public BoxPlot {
        lowExamples = List.copyOf(lowExamples);
        highExamples = List.copyOf(highExamples);
    }
}
