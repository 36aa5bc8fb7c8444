package dev.flywheel.training.model;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Singleton;

import dev.flywheel.contracts.event.ModelPromoted;
import dev.flywheel.contracts.event.ModelRegistered;
import dev.flywheel.contracts.spec.ModelTask;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.model.LoadedModel;
import dev.flywheel.model.ModelMetadata;
import dev.flywheel.model.PromotionRecord;
import dev.flywheel.model.ReferenceDistributions;
import dev.flywheel.model.TrainedNetwork;
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
import dev.flywheel.training.registry.ModelLifecyclePublisher;
import dev.flywheel.training.registry.ModelRegistry;
import dev.flywheel.training.registry.PromotionDecision;
import dev.flywheel.training.tuning.CandidatePlan;
import dev.flywheel.training.tuning.CandidateSearch;

/**
 * The steps of one run: read the examples up to the offsets of now, assemble the time-split dataset,
 * train and judge every candidate on the later slice, register the best as the next version
 * ({@code ModelRegistered}), score the current champion on the same slice and promote the new version if
 * it is better ({@code ModelPromoted}).
 */
@Singleton
public class TrainingJob {

    private final PipelineCatalog catalog;
    private final ExampleReader reader;
    private final ModelRegistry registry;
    private final ModelLifecyclePublisher publisher;
    private final TrainingConfig config;

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
            if (spec.model().task() != ModelTask.BINARY_CLASSIFICATION) {
                run.refused(spec.model().task().keyword() + " is not supported yet; only binary_classification", null);
                return;
            }
            snapshot = reader.readAll(spec.name(), spec.featureNames(), config.readTimeout(), run::reading);
            dataset = DatasetAssembler.assemble(snapshot.examples(), spec.featureNames(), spec.model().training());
            HoldoutEvaluation evaluation = HoldoutEvaluation.of(spec.model());
            CandidatePlan plan = CandidatePlan.of(spec.model().candidates());
            if (plan.trainable().isEmpty()) {
                run.refused("no candidate can be trained: " + plan.skipped(),
                        RunResult.datasetOnly(dataset.summary(), snapshot.ranges()));
                return;
            }
            long totalSteps = plan.totalSteps(dataset.train().size());
            CandidateSearch.Outcome outcome = CandidateSearch.run(plan, dataset, evaluation, new CandidateSearch.Listener() {
                @Override
                public void onCandidate(String name, int index, int count) {
                    run.training(name, index, count, totalSteps);
                }

                @Override
                public void onStep(long stepsDone, long stepsTotal, int epoch, double meanLoss) {
                    run.step(stepsDone, stepsTotal, epoch, meanLoss);
                }
            });
            if (outcome.winner().isEmpty()) {
                run.failed("every candidate failed: " + outcome.reports(),
                        RunResult.datasetOnly(dataset.summary(), snapshot.ranges()));
                return;
            }
            run.registering();
            registerAndPromote(run, spec, snapshot, dataset, evaluation, outcome);
        } catch (DatasetRefusedException e) {
            run.refused(e.getMessage(), RunResult.datasetOnly(e.summary(),
                    snapshot == null ? List.of() : snapshot.ranges()));
        } catch (RuntimeException e) {
            run.failed(e.toString(), dataset == null ? null : RunResult.datasetOnly(dataset.summary(), snapshot.ranges()));
        }
    }

    private void registerAndPromote(TrainingRun run, PipelineSpec spec, ExampleSnapshot snapshot, Dataset dataset,
                                    HoldoutEvaluation evaluation, CandidateSearch.Outcome outcome) {
        String pipeline = spec.name();
        CandidateSearch.Winner winner = outcome.winner().orElseThrow();
        TrainedNetwork network = winner.network();
        Optional<PromotionRecord> promoted = registry.promoted(pipeline);
        Optional<PromotionDecision.Champion> champion = promoted.map(record -> scoreChampion(pipeline,
                record.version(), dataset, evaluation));

        ModelMetadata metadata = registry.register(pipeline, version -> new ModelMetadata(ModelMetadata.FORMAT_VERSION,
                pipeline, version, winner.candidate(), winner.type(), dataset.featureNames(), network.shape().hidden(),
                network.standardisation(), evaluation.threshold(), network.params().asMap(), network.positiveWeight(),
                winner.metrics(), snapshot.ranges(), dataset.summary().trainRows(), dataset.summary().testRows(),
                run.trigger().keyword(), Instant.now(), network.duration()), network);
        String version = metadata.version();
        String artifactUri = registry.artifactUri(pipeline, version).toString();
        writeProfile(run, spec, dataset, registry.artifactUri(pipeline, version));
        // The monitor's data-drift reference: the held-out rows (the latest data) and the model's scores on them.
        ReferenceDistributions.write(Path.of(registry.artifactUri(pipeline, version)), dataset.featureNames(),
                dataset.testMatrix().rows(), network);
        publisher.publish(new ModelRegistered(UUID.randomUUID().toString(), ModelRegistered.SCHEMA_VERSION, pipeline,
                version, winner.candidate(), artifactUri, winner.metrics(), snapshot.ranges(), run.trigger().keyword(),
                Instant.now()));

        PromotionDecision decision = PromotionDecision.decide(evaluation, version, winner.score(), champion);
        String previous = promoted.map(PromotionRecord::version).orElse(null);
        if (decision.promote()) {
            Instant now = Instant.now();
            registry.promote(pipeline, new PromotionRecord(version, previous, decision.reason(), now));
            publisher.publish(new ModelPromoted(UUID.randomUUID().toString(), ModelPromoted.SCHEMA_VERSION, pipeline,
                    version, previous, artifactUri, decision.reason(), now));
        }
        RunResult result = new RunResult(dataset.summary(), snapshot.ranges(), evaluation.selection().keyword(),
                evaluation.note(), outcome.reports(), version, winner.candidate(), winner.metrics(), previous,
                champion.map(PromotionDecision.Champion::score).filter(score -> !score.isNaN()).orElse(null),
                decision.promote(), decision.reason());
        run.succeeded(result, "version " + version + " (" + winner.candidate() + ") registered, "
                + (decision.promote() ? "promoted" : "not promoted") + ": " + decision.reason());
    }

    /** The data profile of the run's dataset (both slices), next to the version's artifacts. */
    private static void writeProfile(TrainingRun run, PipelineSpec spec, Dataset dataset, java.net.URI folder) {
        ProfileFiles.write(Path.of(folder), () -> {
            List<LabelledRow> rows = new ArrayList<>(dataset.train());
            rows.addAll(dataset.test());
            return PipelineProfiles.profile(spec, rows, "pipeline " + spec.name() + " dataset of training run "
                    + run.id(), ProfileOptions.defaults());
        });
    }

    private PromotionDecision.Champion scoreChampion(String pipeline, String version, Dataset dataset,
                                                     HoldoutEvaluation evaluation) {
        try (LoadedModel champion = registry.load(pipeline, version)) {
            double score = evaluation.selectionScore(evaluation.metrics(champion.scorer(),
                    dataset.testMatrix(champion.metadata().featureNames())));
            return PromotionDecision.Champion.scored(version, score);
        } catch (RuntimeException e) {
            return PromotionDecision.Champion.unscorable(version, e.getMessage());
        }
    }
}
