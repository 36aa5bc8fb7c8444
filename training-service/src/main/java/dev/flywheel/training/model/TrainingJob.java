package dev.flywheel.training.model;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.flywheel.contracts.event.ModelAliasMoved;
import dev.flywheel.contracts.event.ModelPromoted;
import dev.flywheel.contracts.event.ModelRegistered;
import dev.flywheel.contracts.spec.ModelTask;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.model.CleaningSteps;
import dev.flywheel.model.LoadedModel;
import dev.flywheel.model.ModelArtifacts;
import dev.flywheel.model.ModelMetadata;
import dev.flywheel.model.PromotionRecord;
import dev.flywheel.model.LabelledMatrix;
import dev.flywheel.model.OnnxModel;
import dev.flywheel.model.Scorer;
import dev.flywheel.model.TrainedModel;
import dev.flywheel.model.ReferenceDistributions;
import dev.flywheel.runtime.PipelineCatalog;
import dev.flywheel.training.config.TrainingConfig;
import dev.flywheel.training.dataset.Dataset;
import dev.flywheel.training.dataset.DatasetAssembler;
import dev.flywheel.training.dataset.DatasetRefusedException;
import dev.flywheel.training.dataset.ExampleReader;
import dev.flywheel.training.dataset.ExampleSnapshot;
import dev.flywheel.training.dataset.LabelledRow;
import dev.flywheel.training.eda.PipelineProfiles;
import dev.flywheel.training.eda.ProfileFiles;
import dev.flywheel.training.eda.ProfileOptions;
import dev.flywheel.training.registry.Lineage;
import dev.flywheel.training.registry.ModelLifecyclePublisher;
import dev.flywheel.training.registry.ModelRegistry;
import dev.flywheel.training.registry.PromotionDecision;
import dev.flywheel.training.registry.RegistryRetry;
import dev.flywheel.training.registry.RetryingRegistration;
import dev.flywheel.training.report.RunReport;
import dev.flywheel.training.report.RunReportFiles;
import dev.flywheel.training.report.ValueReport;
import dev.flywheel.training.tuning.CandidatePlan;
import dev.flywheel.training.tuning.CandidateReport;
import dev.flywheel.training.tuning.CandidateSearch;
import dev.flywheel.training.tuning.HoldoutColumns;
import dev.flywheel.training.tuning.TrialProgress;

/**
 * The steps of one run: read the examples up to the offsets of now, assemble the time-split dataset,
 * train and judge every candidate (and the spec's rule baseline) on the later slice, register the best as
 * the next version ({@code ModelRegistered}), score the current champion on the same slice and promote the
 * new version if it is better ({@code ModelPromoted}).
 *
 * <p>An imported ONNX model ({@link #importOnnx}) takes the same path from the dataset on: judged on the
 * same later slice, registered, compared with the champion under the same promotion rules.
 */
@Singleton
public class TrainingJob {

    /** {@code ModelRegistered.trigger} of an imported model. */
    public static final String IMPORT_TRIGGER = "import";

    private static final Logger LOG = Logger.getLogger(TrainingJob.class);

    private final PipelineCatalog catalog;
    private final ExampleReader reader;
    private final ModelRegistry registry;
    private final ModelLifecyclePublisher publisher;
    private final TrainingConfig config;
    /** Registration and promotion one at a time: a run and an import must not both promote against one champion. */
    private final Object registering = new Object();
    /** An import (an HTTP request) fails at once when the registry database is unavailable; a run waits. */
    private static final RegistryRetry IMPORT_RETRY = new RegistryRetry(new RegistryRetry.Backoff(1, Duration.ZERO,
            Duration.ZERO));

    public TrainingJob(PipelineCatalog catalog, ExampleReader reader, ModelRegistry registry,
                       ModelLifecyclePublisher publisher, TrainingConfig config) {
        this.catalog = catalog;
        this.reader = reader;
        this.registry = registry;
        this.publisher = publisher;
        this.config = config;
    }

    /** Runs to the end; the outcome, including any failure, is recorded on {@code run}. */
    public void execute(TrainingRun run) {
        run.started();
        ExampleSnapshot snapshot = null;
        Dataset dataset = null;
        try {
            PipelineSpec spec = catalog.require(run.pipeline());
            snapshot = reader.readAll(spec.name(), spec.featureNames(), config.readTimeout(), run::reading);
            dataset = DatasetAssembler.assemble(snapshot.examples(), spec.featureNames(), spec.model().training(),
                    spec.model().task());
            HoldoutEvaluation evaluation = HoldoutEvaluation.of(spec.model());
            CandidatePlan plan = CandidatePlan.of(spec.model().candidates(), spec.model().training().tuning());
            if (plan.trainable().isEmpty()) {
                run.refused("no candidate can be trained: " + plan.skipped(),
                        RunResult.datasetOnly(dataset.summary(), snapshot.ranges()));
                return;
            }
            long totalSteps = plan.totalSteps(dataset.train().size());
            CandidateSearch.Outcome outcome = CandidateSearch.run(plan, dataset, evaluation, spec.model().baseline(),
                    new CandidateSearch.Listener() {
                        @Override
                        public void onCandidate(String name, int index, int count) {
                            run.training(name, index, count, totalSteps);
                        }

                        @Override
                        public void onStep(long stepsDone, long stepsTotal, int epoch, double meanLoss) {
                            run.step(stepsDone, stepsTotal, epoch, meanLoss);
                        }

                        @Override
                        public void onTrial(TrialProgress progress) {
                            run.trial(progress);
                        }
                    });
            if (outcome.winner().isEmpty()) {
                run.failed("every candidate failed: " + outcome.reports(),
                        RunResult.datasetOnly(dataset.summary(), snapshot.ranges()));
                return;
            }
            run.registering();
            CandidateSearch.Winner winner = outcome.winner().orElseThrow();
            Optional<HoldoutValuation> valuation = HoldoutValuation.of(spec, dataset);
            Dataset assembled = dataset;
            Optional<ValueReport> value = valuation.map(v -> value(v, winner, outcome, assembled));
            // With a business section the registered threshold is the value-maximising one, and the version's
            // metrics carry its expected value so the monitor can compare what it realises.
            double threshold = value.map(ValueReport::threshold).orElse(evaluation.threshold());
            Map<String, Double> metrics = new LinkedHashMap<>(winner.metrics());
            value.ifPresent(v -> metrics.putAll(v.metrics()));
            // The trained model stays in memory (and its folder on disk once written) while the registry
            // database is unavailable: the steps are retried with backoff, the run's phase saying so.
            TrainingConfig.RegistryRetry retry = config.registryRetry();
            RegistryRetry runRetry = new RegistryRetry(new RegistryRetry.Backoff(retry.attempts(),
                    retry.initialBackoff(), retry.maxBackoff()));
            Registration registration = registerAndPromote(new RetryingRegistration(registry, runRetry,
                            run::registryUnavailable), spec, snapshot, dataset, evaluation, winner.candidate(),
                    winner.model(), dataset.featureNames(), metrics, winner.score(), run.trigger().keyword(),
                    run.driftEventId(), dataset.cleaning(), "dataset of training run " + run.id(), threshold);
            run.registering();
            Optional<Boolean> beats = outcome.winnerBeatsBaseline(evaluation);
            RunResult result = new RunResult(dataset.summary(), snapshot.ranges(), evaluation.selection().keyword(),
                    evaluation.note(), outcome.reports(), registration.version(), winner.candidate(), winner.metrics(),
                    registration.championVersion(), registration.championScore(), registration.promoted(),
                    registration.decision(), outcome.baseline().map(CandidateSearch.Baseline::report).orElse(null),
                    beats.orElse(null), value.orElse(null));
            Dataset judged = dataset;
            RunReportFiles.write(registry.versionDir(spec.name(), registration.version()).toUri(), () -> RunReport.of(run,
                    spec, result, judged, winner.model()::scorer,
                    championVersion -> registry.load(spec.name(), championVersion), valuation.orElse(null)));
            run.succeeded(result, "version " + registration.version() + " (" + winner.candidate() + ") registered, "
                    + (registration.promoted() ? "promoted" : "not promoted") + ": " + registration.decision()
                    + beats.map(b -> b ? "; beats the baseline" : "; does NOT beat the baseline").orElse("")
                    + value.map(v -> String.format(Locale.ROOT, "; threshold %.4f, expected value %.2f/day (doing"
                            + " nothing %.2f/day)", v.threshold(), v.valuePerDay(), v.nothingPerDay())).orElse("")
                    + (run.registryRetries() == 0 ? "" : "; registered after " + run.registryRetries()
                            + " retries while the registry database was unavailable"));
        } catch (DatasetRefusedException e) {
            run.refused(e.getMessage(), RunResult.datasetOnly(e.summary(),
                    snapshot == null ? List.of() : snapshot.ranges()));
        } catch (RuntimeException e) {
            run.failed(e.toString(), dataset == null ? null : RunResult.datasetOnly(dataset.summary(), snapshot.ranges()));
        }
    }

    /**
     * What an import registered.
     *
     * @param metrics       held-out metrics of the imported model
     * @param threshold     the decision threshold registered: the one supplied, else with a business section the
     *                      value-maximising one on the held-out slice, else {@code model.threshold}
     * @param value         its decisions valued on the held-out slice; null without a business section
     * @param baseline      the spec's rule baseline on the same slice; null without one
     * @param beatsBaseline null without a baseline
     */
    public record Imported(String pipeline, String version, String name, List<String> featureNames,
                           String selectionMetric, Map<String, Double> metrics, int holdoutExamples,
                           double threshold, ValueReport value, String championVersion, Double championScore, boolean promoted, String decision,
                           CandidateReport baseline, Boolean beatsBaseline) {
    }

    /**
     * Registers an ONNX binary classifier trained elsewhere: judged on the pipeline's held-out later slice
     * (the same rows a training run would judge its candidates on), registered as the next version (type
     * {@code onnx}, {@code ModelRegistered} with trigger {@value #IMPORT_TRIGGER}) and promoted under the
     * same rules as a trained model.
     *
     * @param featureNames the model's inputs in order: pipeline features, any subset, any order
     * @throws IllegalArgumentException when the signature or the model is unusable
     * @throws DatasetRefusedException  when the examples do not make a dataset (too few, one class)
     */
    public Imported importOnnx(String pipeline, String name, byte[] onnx, List<String> featureNames,
                               OptionalDouble threshold) throws DatasetRefusedException {
        PipelineSpec spec = catalog.require(pipeline);
        if (spec.model().task() != ModelTask.BINARY_CLASSIFICATION) {
            throw new IllegalArgumentException(spec.model().task().keyword()
                    + " is not supported yet; only binary_classification models can be imported");
        }
        HoldoutColumns.indexes(spec.featureNames(), featureNames);
        OnnxModel model = OnnxModel.of(onnx, featureNames.size());
        ExampleSnapshot snapshot = reader.readAll(spec.name(), spec.featureNames(), config.readTimeout(),
                (read, total) -> { });
        Dataset dataset = DatasetAssembler.assemble(snapshot.examples(), spec.featureNames(), spec.model().training());
        HoldoutEvaluation evaluation = HoldoutEvaluation.of(spec.model());
        // The rows as read: the model was trained elsewhere, on uncleaned values.
        LabelledMatrix test = dataset.testMatrix(featureNames, null);
        Map<String, Double> metrics;
        double[] scores;
        try (Scorer scorer = model.scorer()) {
            metrics = evaluation.metrics(scorer, test);
            scores = scorer.scoreBatch(test.rows());
        } catch (IllegalStateException e) {
            // e.g. an output that is a logit, not a probability: the model's fault, not the service's
            throw new IllegalArgumentException("the model fails on the held-out rows: " + e.getMessage(), e);
        }
        double score = evaluation.selectionScore(metrics);
        Optional<CandidateSearch.Baseline> baseline = spec.model().baseline()
                .map(rule -> CandidateSearch.baseline(rule, dataset.featureNames(), dataset.testMatrix(), evaluation));
        // Like a trained winner: with a business section the value-maximising threshold (unless one was supplied)
        // is registered, with the expected value figures the monitor compares its realised value with.
        Optional<ValueReport> value = HoldoutValuation.of(spec, dataset).map(valuation -> {
            double[] ruleScores = null;
            if (baseline.isPresent()) {
                try (Scorer rule = baseline.get().model().scorer()) {
                    ruleScores = rule.scoreBatch(dataset.testMatrix().rows());
                }
            }
            return valuation.judge(scores, ruleScores, baseline.map(CandidateSearch.Baseline::text).orElse(null),
                    model.duration(), Runtime.getRuntime().availableProcessors(), threshold);
        });
        double registered = threshold.isPresent() ? threshold.getAsDouble()
                : value.map(ValueReport::threshold).orElse(evaluation.threshold());
        Map<String, Double> registeredMetrics = new LinkedHashMap<>(metrics);
        value.ifPresent(v -> registeredMetrics.putAll(v.metrics()));
        Registration registration = registerAndPromote(new RetryingRegistration(registry, IMPORT_RETRY,
                        (step, retry, retries, wait, cause) -> { }), spec, snapshot, dataset, evaluation, name, model, featureNames,
                registeredMetrics, score, IMPORT_TRIGGER, null, null,
                "dataset the imported model " + name + " was judged on", registered);
        return new Imported(pipeline, registration.version(), name, featureNames, evaluation.selection().keyword(),
                metrics, test.size(), registered, value.orElse(null), registration.championVersion(),
                registration.championScore(), registration.promoted(), registration.decision(),
                baseline.map(CandidateSearch.Baseline::report).orElse(null),
                baseline.map(b -> evaluation.isBetter(score, b.score())).orElse(null));
    }

    /** What registering a model decided. */
    private record Registration(String version, String championVersion, Double championScore, boolean promoted,
                                String decision) {
    }

    /** @param driftEventId the drift event that started the run (lineage); null when none did */
    private Registration registerAndPromote(RetryingRegistration steps, PipelineSpec spec, ExampleSnapshot snapshot,
                                            Dataset dataset,
                                            HoldoutEvaluation evaluation, String candidate, TrainedModel model,
                                            List<String> featureNames, Map<String, Double> metrics, double score,
                                            String trigger, String driftEventId, CleaningSteps cleaning,
                                            String profileTitle, double threshold) {
        synchronized (registering) {
            String pipeline = spec.name();
            Optional<PromotionRecord> promoted = steps.promoted(pipeline);
            Optional<PromotionDecision.Champion> champion = promoted.map(record -> scoreChampion(pipeline,
                    record.version(), dataset, evaluation));

            Lineage lineage = Lineage.of(spec, promoted.map(PromotionRecord::version).orElse(null), driftEventId);
            ModelMetadata metadata = steps.register(pipeline, lineage, version -> new ModelMetadata(
                    ModelMetadata.FORMAT_VERSION, pipeline, version, candidate, model.modelType(), featureNames,
                    model.hidden(), model.standardisation(), threshold, model.effectiveParams(),
                    model.positiveWeight(), metrics, snapshot.ranges(), dataset.summary().trainRows(),
                    dataset.summary().testRows(), trigger, Instant.now(), model.duration(), cleaning),
                    (versionDir, written) -> ModelArtifacts.write(versionDir, written, model));
            String version = metadata.version();
            String artifactUri = registry.artifactUri(pipeline, version).toString();
            writeProfile(spec, dataset, registry.versionDir(pipeline, version), profileTitle);
            writeReference(registry.versionDir(pipeline, version), dataset, featureNames, cleaning, model);
            steps.recordFiles(pipeline, version);
            publisher.publish(new ModelRegistered(UUID.randomUUID().toString(), ModelRegistered.SCHEMA_VERSION,
                    pipeline, version, candidate, artifactUri, metrics, snapshot.ranges(), trigger, Instant.now()));

            PromotionDecision decision = PromotionDecision.decide(evaluation, version, score, champion);
            String previous = promoted.map(PromotionRecord::version).orElse(null);
            if (decision.promote()) {
                Instant now = Instant.now();
                // One event id for every attempt: a retry after a failed commit republishes the same promotion.
                String promotionId = UUID.randomUUID().toString();
                // Published before the champion move commits: the registry and the topic never disagree.
                steps.promote(pipeline, new PromotionRecord(version, previous, decision.reason(), now),
                        move -> publisher.publish(new ModelPromoted(promotionId,
                                ModelPromoted.SCHEMA_VERSION, pipeline, version, previous, artifactUri,
                                decision.reason(), now)));
            }
            String reason = decision.reason();
            if (!decision.promote() && previous != null && spec.model().training().challenger()) {
                reason = challenge(steps, pipeline, version, previous, artifactUri, decision.reason());
            }
            return new Registration(version, previous,
                    champion.map(PromotionDecision.Champion::score).filter(s -> !s.isNaN()).orElse(null),
                    decision.promote(), reason);
        }
    }

    /**
     * {@code model.training.challenger}: the version that lost to the champion is tried on live traffic instead of
     * only kept — the challenger alias moves and its {@code ModelAliasMoved} tells the inference services to score
     * it in shadow. A failure here is logged and the run still succeeds: the version is registered either way.
     *
     * @return the decision's reason, saying whether the version became the challenger
     */
    private String challenge(RetryingRegistration steps, String pipeline, String version, String champion,
                             String artifactUri, String decision) {
        String why = "not promoted (" + decision + "); challenger beside champion " + champion;
        String eventId = UUID.randomUUID().toString();
        try {
            steps.challenge(pipeline, version, why, Instant.now(), move -> publisher.publish(new ModelAliasMoved(
                    eventId, ModelAliasMoved.SCHEMA_VERSION, pipeline, version, move.alias(), move.fromVersion(),
                    move.action(), move.actor(), why, artifactUri, move.movedAt())));
            return decision + "; set as challenger";
        } catch (RuntimeException e) {
            LOG.warnf(e, "version %s of %s not set as challenger", version, pipeline);
            return decision + "; could not be set as challenger: " + e.getMessage();
        }
    }

    /** The winner (and the rule) valued on the held-out slice; the run's CPUs are this machine's. */
    private static ValueReport value(HoldoutValuation valuation, CandidateSearch.Winner winner,
                                     CandidateSearch.Outcome outcome, Dataset dataset) {
        LabelledMatrix test = dataset.testMatrix();
        double[] winnerScores;
        try (Scorer scorer = winner.model().scorer()) {
            winnerScores = scorer.scoreBatch(test.rows());
        }
        double[] ruleScores = null;
        String ruleText = null;
        if (outcome.baseline().isPresent()) {
            try (Scorer scorer = outcome.baseline().get().model().scorer()) {
                ruleScores = scorer.scoreBatch(test.rows());
            }
            ruleText = outcome.baseline().get().text();
        }
        return valuation.judge(winnerScores, ruleScores, ruleText, winner.model().duration(),
                Runtime.getRuntime().availableProcessors());
    }

    /** The data profile of the dataset (both slices), next to the version's artifacts. */
    private static void writeProfile(PipelineSpec spec, Dataset dataset, Path folder, String title) {
        ProfileFiles.write(folder, () -> {
            // As read: dropped columns would shift the profile's columns, imputed values hide the NULLs it counts.
            List<LabelledRow> rows = new ArrayList<>(dataset.uncleanedTrain());
            rows.addAll(dataset.uncleanedTest());
            return PipelineProfiles.profile(spec, rows, "pipeline " + spec.name() + " " + title,
                    ProfileOptions.defaults());
        });
    }

    /**
     * The monitor's data-drift reference: the held-out rows (the latest data) as read, which is what requests carry,
     * and the model's scores on them as it serves them (through its cleaning).
     */
    private static void writeReference(Path folder, Dataset dataset, List<String> featureNames, CleaningSteps cleaning,
                                       TrainedModel model) {
        LabelledMatrix asRead = dataset.testMatrix(featureNames, null);
        LabelledMatrix asServed = dataset.testMatrix(featureNames, cleaning);
        double[] scores;
        try (Scorer scorer = model.scorer()) {
            scores = asServed.size() == 0 ? new double[0] : scorer.scoreBatch(asServed.rows());
        }
        ReferenceDistributions.write(folder, ReferenceDistributions.of("held-out rows of the version's training run",
                featureNames, asRead.rows(), scores));
    }

    /** The champion judged on the same held-out rows, with the columns it was registered with. */
    private PromotionDecision.Champion scoreChampion(String pipeline, String version, Dataset dataset,
                                                     HoldoutEvaluation evaluation) {
        try (LoadedModel champion = registry.load(pipeline, version)) {
            double score = evaluation.selectionScore(evaluation.metrics(champion.scorer(),
                    dataset.testMatrix(champion.metadata().featureNames(), champion.metadata().cleaning())));
            return PromotionDecision.Champion.scored(version, score);
        } catch (RuntimeException e) {
            return PromotionDecision.Champion.unscorable(version, e.getMessage());
        }
    }
}
