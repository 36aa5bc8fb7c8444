package dev.flywheel.bench.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import dev.flywheel.contracts.metric.BinaryMetrics;
import dev.flywheel.model.CandidateTraining;
import dev.flywheel.model.LabelledMatrix;
import dev.flywheel.model.Scorer;
import dev.flywheel.model.TrainedModel;
import dev.flywheel.model.TrainingProgress;

/**
 * Tunes each family on the Fraud Detection Handbook's protocol and scores the tuned model on its test week.
 * Consumes the feature table's days {@value #VALIDATION_TRAIN_START} to 135; produces one {@code split} line per
 * split and one {@code quality} line per family.
 *
 * <p>Selection as the handbook's model-selection chapter, with one fold instead of four: every grid point is
 * trained on the validation split (training from day {@value #VALIDATION_TRAIN_START}, 2018-07-11; assessed
 * on 2018-07-25..31, known cards removed) and the highest average precision (the pipeline's metric) wins. The
 * winner is retrained on the baseline split (training 2018-07-25..31, days {@value #TEST_TRAIN_START}–121;
 * test 2018-08-08..14) and scored there with AUC ROC, average precision and card precision@100, the columns of
 * the handbook's baseline table. Flywheel's default params are scored on the same test week beside it.
 */
final class QualityRun {

    static final int VALIDATION_TRAIN_START = 101;
    static final int TEST_TRAIN_START = 115;
    static final int K = 100;

    private final FeatureTable.Rows rows;
    private final HandbookSplit validation;
    private final HandbookSplit test;
    private final int threads;
    private final boolean quick;

    QualityRun(FeatureTable table, int threads, boolean quick) throws java.io.IOException {
        this.rows = table.days(VALIDATION_TRAIN_START, HandbookSplit.endDay(TEST_TRAIN_START));
        this.validation = HandbookSplit.of(rows, VALIDATION_TRAIN_START);
        this.test = HandbookSplit.of(rows, TEST_TRAIN_START);
        this.threads = threads;
        this.quick = quick;
    }

    void run(List<BenchFamily> families, Consumer<String> out) {
        out.accept(splitLine("validation", validation));
        out.accept(splitLine("test", test));
        for (BenchFamily family : families) {
            out.accept(tune(family));
        }
    }

    private String tune(BenchFamily family) {
        Map<String, Object> best = null;
        double bestAp = Double.NEGATIVE_INFINITY;
        int trials = 0;
        for (Map<String, Object> params : grid(family)) {
            double ap = score(family, params, validation).averagePrecision();
            trials++;
            if (ap > bestAp) {
                bestAp = ap;
                best = params;
            }
        }
        Scores tuned = score(family, best, test);
        Scores defaults = score(family, family.defaultParams(threads), test);
        return String.format(Locale.ROOT, "quality family=%s trials=%d validation_ap=%.3f test_auc=%.3f test_ap=%.3f "
                        + "test_cp100=%.3f test_cp100_no_removal=%.3f train_seconds=%.1f default_auc=%.3f default_ap=%.3f "
                        + "default_cp100=%.3f chosen=%s", family.keyword(), trials, bestAp, tuned.auc(),
                tuned.averagePrecision(), tuned.cardPrecision(), tuned.cardPrecisionNoRemoval(), tuned.trainSeconds(),
                defaults.auc(), defaults.averagePrecision(), defaults.cardPrecision(),
                best.toString().replace(" ", ""));
    }

    private record Scores(double auc, double averagePrecision, double cardPrecision, double cardPrecisionNoRemoval,
                          double trainSeconds) {
    }

    private Scores score(BenchFamily family, Map<String, Object> params, HandbookSplit split) {
        FeatureTable.Rows train = rows.select(split.train());
        FeatureTable.Rows assessed = rows.select(split.test());
        CandidateTraining training = family.training(params);
        long started = System.nanoTime();
        TrainedModel model = training.train(new LabelledMatrix(train.features(), train.labels()), TrainingProgress.NONE);
        double seconds = (System.nanoTime() - started) / 1e9;
        double[] scores;
        try (Scorer scorer = model.scorer()) {
            scores = scorer.scoreBatch(assessed.features());
        }
        String[] cards = new String[assessed.size()];
        long[] days = new long[assessed.size()];
        for (int i = 0; i < cards.length; i++) {
            cards[i] = Integer.toString(assessed.cards()[i]);
            days[i] = assessed.days()[i];
        }
        return new Scores(BinaryMetrics.rocAuc(scores, assessed.labels()),
                BinaryMetrics.averagePrecision(scores, assessed.labels()),
                CardPrecisionAtK.of(scores, assessed.labels(), assessed.days(), assessed.cards(), K),
                BinaryMetrics.cardPrecisionAtK(scores, assessed.labels(), cards, days, K), seconds);
    }

    /**
     * The search per family. xgboost: the handbook's own grid (depth × trees × learning rate), each point with
     * Flywheel's balanced positive weight and without weighting (the handbook's xgboost is unweighted). The networks have
     * no regularisation strength to search as the handbook's C; their epochs and step size (and the MLP's width)
     * take its place.
     */
    List<Map<String, Object>> grid(BenchFamily family) {
        List<Map<String, Object>> grid = new ArrayList<>();
        switch (family) {
            case LOGISTIC_REGRESSION -> {
                for (int epochs : quick ? new int[] {10} : new int[] {10, 20}) {
                    for (double rate : new double[] {0.01, 0.001}) {
                        grid.add(params("epochs", epochs, "learningRate", rate));
                    }
                }
            }
            case XGBOOST -> {
                for (int depth : quick ? new int[] {3, 6} : new int[] {3, 6, 9}) {
                    for (int rounds : quick ? new int[] {50} : new int[] {25, 50, 100}) {
                        for (double eta : new double[] {0.1, 0.3}) {
                            for (Object weight : quick ? List.of("balanced") : List.of("balanced", 1.0)) {
                                grid.add(params("maxDepth", depth, "rounds", rounds, "eta", eta, "positiveWeight",
                                        weight, "threads", threads));
                            }
                        }
                    }
                }
            }
            case MLP -> {
                for (List<Integer> hidden : quick ? List.of(List.of(32, 16)) : List.of(List.of(32, 16), List.of(64, 32))) {
                    for (int epochs : quick ? new int[] {4, 8} : new int[] {8, 20}) {
                        grid.add(params("hidden", hidden, "epochs", epochs, "learningRate", 0.001));
                    }
                }
            }
            default -> throw new IllegalStateException("no grid for " + family);
        }
        return grid;
    }

    private static Map<String, Object> params(Object... keysAndValues) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            params.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return params;
    }

    private String splitLine(String name, HandbookSplit split) {
        return String.format(Locale.ROOT, "split name=%s train_start_day=%d train_rows=%d train_frauds=%d test_rows=%d "
                        + "test_frauds=%d", name, split.trainStartDay(), split.train().length, frauds(split.train()),
                split.test().length, frauds(split.test()));
    }

    private int frauds(int[] indices) {
        int count = 0;
        for (int i : indices) {
            count += (int) rows.labels()[i];
        }
        return count;
    }
}
