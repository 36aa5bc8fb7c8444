package dev.flywheel.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

import dev.flywheel.contracts.json.Json;

/**
 * The distribution of every feature (and of the model's score) in the data a model version was judged on, kept
 * beside its artifacts as {@value #FILE} so that the monitor compares live inputs with it without re-reading any
 * data set. Consumes the rows once; produces, per column: count, mean, standard deviation, range; a KLL quantile
 * sketch (Apache DataSketches, k = {@value #KLL_K}); counts over bins (the reference's deciles for a numeric
 * column, its values for a categorical one, i.e. at most {@value #MAX_CATEGORIES} distinct values, Evidently's
 * rule); and a uniform sample of at most {@value #SAMPLE} values (seeded) for exact small-sample tests.
 *
 * @param source   what the rows were, for people
 * @param features one entry per feature, in the model's order
 * @param score    the model's scores on the same rows; null when not computed
 */
public record ReferenceDistributions(int formatVersion, String source, long rows, List<Column> features,
                                     Column score) {

    public static final String FILE = "reference.json";
    public static final int FORMAT_VERSION = 1;
    public static final int KLL_K = 200;
    public static final int SAMPLE = 5_000;
    public static final int MAX_CATEGORIES = 5;
    private static final int BINS = 10;
    private static final long SEED = 20_260_001L;

    public ReferenceDistributions {
        features = List.copyOf(features);
    }

    /**
     * One column's reference.
     *
     * @param edges          numeric: the bins' upper bounds but the last (value v falls in the first bin whose edge
     *                       is ≥ v, or the last one); categorical: the categories, ascending
     * @param counts         values per bin (per category), {@code edges.length + 1} numeric, {@code edges.length}
     *                       categorical
     * @param sample         a uniform sample of the values (all of them when at most {@value #SAMPLE}), ascending
     * @param kll            the serialised KLL sketch of every value
     */
    public record Column(String name, long count, boolean categorical, double mean, double std, double min, double max,
                         double[] edges, long[] counts, double[] sample, byte[] kll) {

        /** The bin (numeric) or category index (categorical; -1 for a value not seen in the reference) of a value. */
        public int bin(double value) {
            if (categorical) {
                return Arrays.binarySearch(edges, value) >= 0 ? Arrays.binarySearch(edges, value) : -1;
            }
            int at = Arrays.binarySearch(edges, value);
            if (at >= 0) {
                while (at > 0 && edges[at - 1] == value) {
                    at--;
                }
                return at;
            }
            return -at - 1;
        }

        /** The number of bins (categories). */
        public int bins() {
            return counts.length;
        }

        /** The sketch of every value, for quantiles of references larger than the sample. */
        public KllDoublesSketch sketch() {
            return KllDoublesSketch.heapify(Memory.wrap(kll));
        }

        /** Whether the sample holds every value of the column. */
        public boolean complete() {
            return sample.length == count;
        }
    }

    /**
     * The reference of {@code rows} (one value per feature name each) and of the model's {@code scores} on them.
     *
     * @param scores one per row, or null
     */
    public static ReferenceDistributions of(String source, List<String> featureNames, double[][] rows, double[] scores) {
        List<Column> columns = new ArrayList<>();
        for (int f = 0; f < featureNames.size(); f++) {
            double[] values = new double[rows.length];
            for (int r = 0; r < rows.length; r++) {
                if (rows[r].length != featureNames.size()) {
                    throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " values for "
                            + featureNames.size() + " features");
                }
                values[r] = rows[r][f];
            }
            columns.add(column(featureNames.get(f), values));
        }
        if (scores != null && scores.length != rows.length) {
            throw new IllegalArgumentException(scores.length + " scores for " + rows.length + " rows");
        }
        return new ReferenceDistributions(FORMAT_VERSION, source, rows.length, columns,
                scores == null ? null : column("score", scores));
    }

    /** The reference of one column of values (NaN values are left out). */
    public static Column column(String name, double[] raw) {
        double[] values = Arrays.stream(raw).filter(v -> !Double.isNaN(v)).sorted().toArray();
        int n = values.length;
        KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(KLL_K);
        double sum = 0;
        for (double value : values) {
            sketch.update(value);
            sum += value;
        }
        double mean = n == 0 ? Double.NaN : sum / n;
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        double std = n == 0 ? Double.NaN : Math.sqrt(squares / n);
        TreeMap<Double, Long> distinct = new TreeMap<>();
        for (double value : values) {
            if (distinct.merge(value, 1L, Long::sum) == 1L && distinct.size() > MAX_CATEGORIES) {
                break;
            }
        }
        boolean categorical = n > 0 && distinct.size() <= MAX_CATEGORIES;
        double[] edges;
        long[] counts;
        if (categorical) {
            edges = distinct.keySet().stream().mapToDouble(Double::doubleValue).toArray();
            counts = distinct.values().stream().mapToLong(Long::longValue).toArray();
        } else {
            edges = Arrays.stream(decileEdges(values)).distinct().toArray();
            counts = new long[edges.length + 1];
        }
        Column column = new Column(name, n, categorical, mean, std, n == 0 ? Double.NaN : values[0],
                n == 0 ? Double.NaN : values[n - 1], edges, counts, sample(values), sketch.toByteArray());
        if (!categorical) {
            for (double value : values) {
                counts[column.bin(value)]++;
            }
        }
        return column;
    }

    /** Writes the reference into a version folder (write aside, then rename over). */
    public static void write(Path versionFolder, ReferenceDistributions reference) {
        Path file = versionFolder.resolve(FILE);
        Path staging = versionFolder.resolve("." + FILE + "." + UUID.randomUUID());
        try {
            Files.createDirectories(versionFolder);
            Json.mapper().writeValue(staging.toFile(), reference);
            Files.move(staging, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the reference of the rows a trained model was judged on, with the model's scores on them, into its
     * version folder.
     */
    public static void write(Path versionFolder, List<String> featureNames, double[][] rows, TrainedModel model) {
        double[] scores;
        try (Scorer scorer = model.scorer()) {
            scores = rows.length == 0 ? new double[0] : scorer.scoreBatch(rows);
        }
        write(versionFolder, of("held-out rows of the version's training run", featureNames, rows, scores));
    }

    /** The reference stored in a version folder, if there is one. */
    public static Optional<ReferenceDistributions> read(Path versionFolder) {
        Path file = versionFolder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().readValue(file.toFile(), ReferenceDistributions.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The reference's 10 %, 20 %, ... 90 % quantiles (lower empirical quantile of the sorted values). */
    private static double[] decileEdges(double[] sorted) {
        if (sorted.length == 0) {
            return new double[0];
        }
        double[] edges = new double[BINS - 1];
        for (int i = 1; i < BINS; i++) {
            edges[i - 1] = sorted[(int) Math.ceil(sorted.length * (double) i / BINS) - 1];
        }
        return edges;
    }

    /** Every value when there are at most SAMPLE, else a seeded uniform sample of SAMPLE of them; ascending. */
    private static double[] sample(double[] sorted) {
        if (sorted.length <= SAMPLE) {
            return sorted.clone();
        }
        double[] reservoir = Arrays.copyOf(sorted, SAMPLE);
        Random random = new Random(SEED);
        for (int i = SAMPLE; i < sorted.length; i++) {
            int j = random.nextInt(i + 1);
            if (j < SAMPLE) {
                reservoir[j] = sorted[i];
            }
        }
        Arrays.sort(reservoir);
        return reservoir;
    }
}
