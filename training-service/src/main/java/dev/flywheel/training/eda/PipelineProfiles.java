package dev.flywheel.training.eda;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import dev.flywheel.contracts.spec.ModelType;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.runtime.PipelineCatalog;
import dev.flywheel.training.config.TrainingConfig;
import dev.flywheel.training.dataset.ExampleReader;
import dev.flywheel.training.dataset.LabelledRow;

/**
 * Profiles a pipeline's examples: reads the examples topic as a training run does ({@link ExampleReader}),
 * dedupes by event id as the dataset assembly does (the record read last wins), keeps the event-time range
 * asked for, and streams the rows (spec features + label) through a {@link DatasetProfiler}. Unlike the
 * assembly it keeps examples with a missing feature: their NULLs are what a profile is for.
 */
@Singleton
public class PipelineProfiles {

    private final PipelineCatalog catalog;
    private final ExampleReader reader;
    private final TrainingConfig config;

    public PipelineProfiles(PipelineCatalog catalog, ExampleReader reader, TrainingConfig config) {
        this.catalog = catalog;
        this.reader = reader;
        this.config = config;
    }

    /** The rows of a pipeline's examples in {@code [from, to)} (either may be null), deduped. */
    public ExampleRows rows(String pipeline, Instant from, Instant to) {
        PipelineSpec spec = catalog.require(pipeline);
        List<LabelledRow> read = reader.readAll(spec.name(), spec.featureNames(), config.readTimeout(),
                ExampleReader.ReadProgress.NONE).examples();
        return new ExampleRows(spec, inRange(read, from, to), describe(spec, from, to));
    }

    public DatasetProfile profile(String pipeline, Instant from, Instant to) {
        ExampleRows rows = rows(pipeline, from, to);
        return profile(rows.spec(), rows.rows(), rows.source(), ProfileOptions.defaults());
    }

    /** Profiles rows already read, e.g. a training run's dataset. */
    public static DatasetProfile profile(PipelineSpec spec, List<LabelledRow> rows, String source,
                                         ProfileOptions options) {
        String label = spec.label().name();
        List<String> columns = new java.util.ArrayList<>(spec.featureNames());
        columns.add(label);
        DatasetProfiler profiler = DatasetProfiler.numeric(columns, label, options.withLinearModel(usesLinearModel(spec)));
        double[] values = new double[columns.size()];
        for (LabelledRow row : rows) {
            System.arraycopy(row.features(), 0, values, 0, row.features().length);
            values[values.length - 1] = row.label();
            profiler.addRow(values);
        }
        return profiler.finish(source);
    }

    /** Whether a candidate of the spec is a linear model, for which normality of the inputs matters. */
    static boolean usesLinearModel(PipelineSpec spec) {
        return spec.model() != null && spec.model().candidates().stream()
                .anyMatch(candidate -> candidate.type() == ModelType.LOGISTIC_REGRESSION);
    }

    private static List<LabelledRow> inRange(List<LabelledRow> read, Instant from, Instant to) {
        Map<String, LabelledRow> latest = new LinkedHashMap<>();
        for (LabelledRow row : read) {
            latest.remove(row.eventId());
            latest.put(row.eventId(), row);
        }
        return latest.values().stream()
                .filter(row -> from == null || (row.eventTime() != null && !row.eventTime().isBefore(from)))
                .filter(row -> to == null || (row.eventTime() != null && row.eventTime().isBefore(to)))
                .toList();
    }

    private static String describe(PipelineSpec spec, Instant from, Instant to) {
        return "pipeline " + spec.name() + " examples" + (from == null && to == null ? ""
                : " " + (from == null ? "" : from.toString()) + ".." + (to == null ? "" : to.toString()));
    }

    /** A pipeline's examples, deduped and in range, with what they are for the report. */
    public record ExampleRows(PipelineSpec spec, List<LabelledRow> rows, String source) {
    }
}
