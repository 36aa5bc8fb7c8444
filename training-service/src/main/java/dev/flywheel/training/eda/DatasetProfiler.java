package dev.flywheel.training.eda;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * Profiles a dataset in one streaming pass: takes rows of numeric values (NaN = NULL) and, for uploaded
 * files, text cells; produces a {@link DatasetProfile}. Memory is bounded by the options, not by the rows:
 * per column the kept values or a KLL sketch, a distinct counter, a few extremes; the pairwise sums of
 * Pearson's r; and a uniform sample of rows for what needs ranks (Spearman, ROC AUC). Not thread-safe.
 */
public final class DatasetProfiler {

    private final List<String> columns;
    private final boolean[] numericKind;
    private final int[] numericIndex;
    private final List<NumericColumn> numeric = new ArrayList<>();
    private final List<TextColumn> text = new ArrayList<>();
    private final int label;
    private final ProfileOptions options;
    private final PairwiseMoments moments;
    private final RowSample sample;
    private long rows;
    private long positives;
    private long negatives;
    private long otherLabels;

    /**
     * @param columns     every column, in the order to report them
     * @param numericKind which of them are numeric (the others are text)
     * @param labelColumn a numeric column holding the 0/1 label, or null
     */
    public DatasetProfiler(List<String> columns, boolean[] numericKind, String labelColumn, ProfileOptions options) {
        if (columns.size() != numericKind.length) {
            throw new IllegalArgumentException(columns.size() + " columns but " + numericKind.length + " kinds");
        }
        this.columns = List.copyOf(columns);
        this.numericKind = numericKind.clone();
        this.options = options;
        this.numericIndex = new int[columns.size()];
        int label = -1;
        for (int i = 0; i < columns.size(); i++) {
            if (numericKind[i]) {
                numericIndex[i] = numeric.size();
                if (columns.get(i).equals(labelColumn)) {
                    label = numeric.size();
                }
                numeric.add(new NumericColumn(columns.get(i), options));
            } else {
                numericIndex[i] = text.size();
                text.add(new TextColumn(columns.get(i), options));
            }
        }
        if (labelColumn != null && label < 0) {
            throw new IllegalArgumentException("label column '" + labelColumn + "' is not a numeric column of "
                    + columns);
        }
        this.label = label;
        this.moments = new PairwiseMoments(numeric.size());
        this.sample = new RowSample(options.sampleRows(), options.seed());
    }

    /** Every column numeric: the features of a pipeline and its label. */
    public static DatasetProfiler numeric(List<String> columns, String labelColumn, ProfileOptions options) {
        boolean[] kinds = new boolean[columns.size()];
        Arrays.fill(kinds, true);
        return new DatasetProfiler(columns, kinds, labelColumn, options);
    }

    /** The numeric columns, in order: the layout of the rows {@link #addRow} takes. */
    public List<String> numericColumns() {
        return numeric.stream().map(NumericColumn::name).toList();
    }

    /**
     * One row of the numeric columns (in {@link #numericColumns()} order; NaN = NULL). Text cells of the same
     * row go to {@link #addText} before or after.
     */
    public void addRow(double[] values) {
        if (values.length != numeric.size()) {
            throw new IllegalArgumentException("a row of " + values.length + " values for " + numeric.size()
                    + " numeric columns");
        }
        rows++;
        for (int i = 0; i < values.length; i++) {
            numeric.get(i).add(values[i]);
        }
        moments.add(values);
        sample.add(values);
        if (label >= 0) {
            double y = values[label];
            if (y == 1.0) {
                positives++;
            } else if (y == 0.0) {
                negatives++;
            } else if (!Double.isNaN(y)) {
                otherLabels++;
            }
        }
    }

    /** A cell of text column {@code column} (index among all columns); null = NULL. */
    public void addText(int column, String value) {
        text.get(textIndex(column)).add(value);
    }

    /** A cell of numeric column {@code column} (index among all columns) was not a number. */
    public void countUnparsable(int column) {
        if (!numericKind[column]) {
            throw new IllegalArgumentException("column " + columns.get(column) + " is not numeric");
        }
        numeric.get(numericIndex[column]).countUnparsable();
    }

    private int textIndex(int column) {
        if (numericKind[column]) {
            throw new IllegalArgumentException("column " + columns.get(column) + " is numeric");
        }
        return numericIndex[column];
    }

    public DatasetProfile finish(String source) {
        List<String> notes = new ArrayList<>();
        List<ColumnProfile> profiles = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (numericKind[i]) {
                NumericColumn column = numeric.get(numericIndex[i]);
                Normality normality = numericIndex[i] == label ? null : Normality.jarqueBera(column.count(),
                        column.isConstant(), column.sampleSkewness(), column.sampleExcessKurtosis(), options.normalityAlpha(),
                        options.linearModel());
                profiles.add(column.profile(normality));
            } else {
                profiles.add(text.get(numericIndex[i]).profile());
            }
        }
        if (profiles.stream().anyMatch(profile -> profile.numeric() && !profile.quantilesExact())) {
            notes.add("columns with more than " + options.exactValues() + " values: quartiles, histogram and outlier"
                    + " counts estimated with a KLL sketch (k " + ProfileOptions.KLL_K + ", rank error about 1.3 %)");
        }
        if (profiles.stream().anyMatch(profile -> !profile.distinctExact())) {
            notes.add("columns with more than " + options.exactDistinct() + " distinct values: distinct count"
                    + " estimated with an HLL sketch (error about 1.6 %)");
        }
        if (!sample.isComplete()) {
            notes.add("Spearman correlations and ROC AUCs computed on a uniform sample of " + sample.rows().size()
                    + " of " + rows + " rows");
        }
        List<String> names = numericColumns();
        Correlations pearson = pearson(names);
        Correlations spearman = spearman(names);
        List<CollinearPair> collinear = collinear(names, pearson, spearman);
        LabelProfile labelProfile = label < 0 ? null : labelProfile(names);
        return new DatasetProfile(source, Instant.now(), rows, profiles, pearson, spearman,
                options.collinearThreshold(), collinear, labelProfile, notes);
    }

    private Correlations pearson(List<String> names) {
        int d = names.size();
        Double[][] matrix = new Double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                matrix[i][j] = Stats.finite(i == j && (numeric.get(i).count() < 2 || numeric.get(i).isConstant()) ? Double.NaN
                        : moments.pearson(i, j));
            }
        }
        return new Correlations("pearson", names, matrix, rows, false);
    }

    /**
     * Spearman's rho over the sample, pairwise-complete as pandas: each pair ranks (mid-ranks for ties) only the
     * rows where both are present. Each column is sorted once; a pair then ranks in one walk of that order.
     */
    private Correlations spearman(List<String> names) {
        int d = names.size();
        List<double[]> rowsSampled = sample.rows();
        int n = rowsSampled.size();
        double[][] byColumn = new double[d][n];
        int[][] order = new int[d][];
        boolean[] complete = new boolean[d];
        double[][] fullRanks = new double[d][];
        for (int c = 0; c < d; c++) {
            for (int r = 0; r < n; r++) {
                byColumn[c][r] = rowsSampled.get(r)[c];
            }
            double[] values = byColumn[c];
            order[c] = IntStream.range(0, n).filter(r -> !Double.isNaN(values[r])).boxed()
                    .sorted(Comparator.comparingDouble(r -> values[r])).mapToInt(Integer::intValue).toArray();
            complete[c] = order[c].length == n;
            if (complete[c]) {
                fullRanks[c] = SampleRanks.within(order[c], values, null);
            }
        }
        PearsonsCorrelation pearson = new PearsonsCorrelation();
        Double[][] matrix = new Double[d][d];
        for (int i = 0; i < d; i++) {
            matrix[i][i] = order[i].length < 2 || numeric.get(i).isConstant() ? null : 1.0;
            for (int j = i + 1; j < d; j++) {
                double[] x;
                double[] y;
                if (complete[i] && complete[j]) {
                    x = fullRanks[i];
                    y = fullRanks[j];
                } else {
                    double[][] pair = SampleRanks.compact(SampleRanks.within(order[i], byColumn[i], byColumn[j]),
                            SampleRanks.within(order[j], byColumn[j], byColumn[i]));
                    x = pair[0];
                    y = pair[1];
                }
                double r = x.length < 2 || constant(x) || constant(y) ? Double.NaN : pearson.correlation(x, y);
                matrix[i][j] = Stats.finite(r);
                matrix[j][i] = matrix[i][j];
            }
        }
        return new Correlations("spearman", names, matrix, n, !sample.isComplete());
    }

    private static boolean constant(double[] values) {
        for (double value : values) {
            if (value != values[0]) {
                return false;
            }
        }
        return true;
    }

    private List<CollinearPair> collinear(List<String> names, Correlations pearson, Correlations spearman) {
        List<CollinearPair> pairs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                Double r = pearson.matrix()[i][j];
                if (i != label && j != label && r != null && Math.abs(r) >= options.collinearThreshold()) {
                    pairs.add(new CollinearPair(names.get(i), names.get(j), r, spearman.matrix()[i][j]));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble((CollinearPair pair) -> -Math.abs(pair.pearson())));
        return pairs;
    }

    private LabelProfile labelProfile(List<String> names) {
        List<LabelProfile.Association> associations = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (i != label) {
                associations.add(new LabelProfile.Association(names.get(i), Stats.finite(moments.pearson(i, label)),
                        Stats.finite(rocAuc(i))));
            }
        }
        associations.sort(Comparator.comparingDouble((LabelProfile.Association a) ->
                a.pointBiserial() == null ? 1 : -Math.abs(a.pointBiserial())));
        long labelled = positives + negatives;
        return new LabelProfile(names.get(label), positives, negatives, otherLabels,
                labelled == 0 ? null : (double) positives / labelled, associations, !sample.isComplete(),
                sample.rows().size());
    }

    /** Mann–Whitney U / (n1 n0) over the sampled rows with the feature present and a 0/1 label. */
    private double rocAuc(int feature) {
        List<double[]> rowsSampled = sample.rows();
        double[] scores = new double[rowsSampled.size()];
        boolean[] positive = new boolean[rowsSampled.size()];
        int n = 0;
        for (double[] row : rowsSampled) {
            double y = row[label];
            if (!Double.isNaN(row[feature]) && (y == 0.0 || y == 1.0)) {
                scores[n] = row[feature];
                positive[n] = y == 1.0;
                n++;
            }
        }
        if (n == 0) {
            // commons-math's ranking fails on an empty array (a header-only CSV, a pipeline without examples)
            return Double.NaN;
        }
        double[] ranks = new NaturalRanking(NaNStrategy.FIXED, TiesStrategy.AVERAGE)
                .rank(Arrays.copyOf(scores, n));
        double positiveRanks = 0;
        long n1 = 0;
        for (int r = 0; r < n; r++) {
            if (positive[r]) {
                positiveRanks += ranks[r];
                n1++;
            }
        }
        long n0 = n - n1;
        if (n1 == 0 || n0 == 0) {
            return Double.NaN;
        }
        return (positiveRanks - n1 * (n1 + 1) / 2.0) / ((double) n1 * n0);
    }
}
