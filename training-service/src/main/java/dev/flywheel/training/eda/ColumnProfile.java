package dev.flywheel.training.eda;

import java.util.List;

/**
 * Everything profiled about one column. Numeric columns have the moments, quantiles, histogram, box plot and
 * normality; text columns (in an uploaded CSV) only the counts and their most frequent values.
 *
 * @param rows            rows seen (values + NULLs)
 * @param count           non-NULL values
 * @param unparsable      cells of a numeric CSV column that were not numbers (counted as NULLs)
 * @param distinctExact   false when the distinct count is an HLL estimate
 * @param std             sample standard deviation (ddof 1)
 * @param skewness        bias-corrected sample skewness (pandas {@code skew})
 * @param kurtosis        bias-corrected sample excess kurtosis (pandas {@code kurt})
 * @param quantilesExact  false when quartiles come from the KLL sketch
 */
public record ColumnProfile(String name, String kind, long rows, long count, long nulls, double nullShare,
                            long unparsable, long distinct, boolean distinctExact, Double mean, Double std, Double min,
                            Double q1, Double median, Double q3, Double max, Double skewness, Double kurtosis,
                            boolean quantilesExact, Histogram histogram, BoxPlot boxPlot, Normality normality,
                            List<ValueCount> topValues) {

    public static final String NUMERIC = "numeric";
    public static final String TEXT = "text";

    public ColumnProfile {
        topValues = List.copyOf(topValues);
    }

    static ColumnProfile empty(String name, long rows, long nulls, double nullShare, long unparsable) {
        return new ColumnProfile(name, NUMERIC, rows, 0, nulls, nullShare, unparsable, 0, true, null, null, null, null,
                null, null, null, null, null, true, null, null, null, List.of());
    }

    public boolean numeric() {
        return NUMERIC.equals(kind);
    }

    /** A value of a text column and how often it occurs. */
    public record ValueCount(String value, long count) {
    }
}
