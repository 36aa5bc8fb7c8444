package dev.flywheel.training.eda;

/**
 * How a profile is computed: the bounds under which results are exact, and the thresholds it flags by.
 *
 * @param histogramBins        bins of each histogram, of equal width between the column's min and max
 * @param exactValues          values per column kept for exact quantiles, histograms and outliers; beyond it a
 *                             KLL sketch answers (normalised rank error about 1.3 % at {@code kllK} 200)
 * @param exactDistinct        distinct values per column counted exactly; beyond it an HLL sketch (about 1.6 %)
 * @param sampleRows           rows of the uniform reservoir sample that ranks (Spearman, ROC AUC) are computed on
 * @param collinearThreshold   |r| from which a pair of features is flagged as collinear
 * @param outlierExamples      outliers listed at each end of a box plot
 * @param normalityAlpha       p-value below which a column is flagged as not normal
 * @param linearModel          whether a linear model uses the columns (flags the normality check)
 * @param seed                 seed of the reservoir sample, so a profile is reproducible
 */
public record ProfileOptions(int histogramBins, int exactValues, int exactDistinct, int sampleRows,
                             double collinearThreshold, int outlierExamples, double normalityAlpha, boolean linearModel,
                             long seed) {

    /** KLL accuracy parameter: normalised rank error about 1.33 % (two-sided, 99 % confidence). */
    public static final int KLL_K = 200;

    public ProfileOptions {
        require(histogramBins >= 1, "histogramBins", histogramBins);
        require(exactValues >= 0, "exactValues", exactValues);
        require(exactDistinct >= 0, "exactDistinct", exactDistinct);
        require(sampleRows >= 2, "sampleRows", sampleRows);
        require(collinearThreshold > 0 && collinearThreshold <= 1, "collinearThreshold", collinearThreshold);
        require(outlierExamples >= 0, "outlierExamples", outlierExamples);
        require(normalityAlpha > 0 && normalityAlpha < 1, "normalityAlpha", normalityAlpha);
    }

    public static ProfileOptions defaults() {
        return new ProfileOptions(20, 100_000, 65_536, 100_000, 0.9, 5, 0.05, true, 42L);
    }

    public ProfileOptions withLinearModel(boolean linear) {
        return new ProfileOptions(histogramBins, exactValues, exactDistinct, sampleRows, collinearThreshold,
                outlierExamples, normalityAlpha, linear, seed);
    }

    public ProfileOptions withBounds(int exactValues, int exactDistinct, int sampleRows) {
        return new ProfileOptions(histogramBins, exactValues, exactDistinct, sampleRows, collinearThreshold,
                outlierExamples, normalityAlpha, linearModel, seed);
    }

    private static void require(boolean ok, String name, Object value) {
        if (!ok) {
            throw new IllegalArgumentException("profile option " + name + " = " + value + " is out of range");
        }
    }
}
