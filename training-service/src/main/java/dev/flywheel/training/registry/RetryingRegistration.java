package dev.flywheel.training.registry;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.flywheel.model.ModelMetadata;
import dev.flywheel.model.PromotionRecord;

/**
 * The registry steps of one training run, each retried by {@link RegistryRetry} while the registry database is
 * unavailable, so a model trained during an outage is registered when the database is back instead of lost.
 * Consumes the trained model's writer and the run's decisions; produces the registered version, its recorded
 * files and the champion move, each exactly once however many attempts it took:
 * <ul>
 * <li>a version whose folder was written before the database failed keeps its folder and number, and later
 *     attempts only record it ({@link ModelRegistry#record}), never a second folder;</li>
 * <li>recording files and moving the champion are no-ops once done, so an attempt whose commit went through but
 *     whose answer was lost changes nothing when repeated.</li>
 * </ul>
 */
public final class RetryingRegistration {

    private final ModelRegistry registry;
    private final RegistryRetry retry;
    private final RegistryRetry.Listener listener;

    public RetryingRegistration(ModelRegistry registry, RegistryRetry retry, RegistryRetry.Listener listener) {
        this.registry = registry;
        this.retry = retry;
        this.listener = listener;
    }

    /** The champion, with why and when it became champion. */
    public Optional<PromotionRecord> promoted(String pipeline) {
        return retry.call("reading the champion", () -> registry.promoted(pipeline), listener);
    }

    /** Writes the pipeline's next version once and records it, however many attempts recording takes. */
    public ModelMetadata register(String pipeline, Lineage lineage, Function<String, ModelMetadata> metadataOfVersion,
                                  BiConsumer<Path, ModelMetadata> writer) {
        String[] written = {null};
        return retry.call("registering the version", () -> {
            if (written[0] != null) {
                return registry.record(pipeline, written[0], lineage);
            }
            try {
                return registry.register(pipeline, lineage, metadataOfVersion, writer);
            } catch (UnrecordedVersionException e) {
                written[0] = e.version();
                throw e;
            }
        }, listener);
    }

    /** Records files added to a version's folder after it was registered. */
    public void recordFiles(String pipeline, String version) {
        retry.run("recording the version's files", () -> registry.recordFiles(pipeline, version), listener);
    }

    /**
     * Moves the champion; {@code beforeCommit} (publishing the promotion) runs before each attempt's commit, so
     * an attempt that failed to commit may have published: give it an event id fixed across attempts.
     */
    public void promote(String pipeline, PromotionRecord record, Consumer<AliasMove> beforeCommit) {
        retry.run("promoting the version", () -> {
            if (!registry.champion(pipeline).filter(record.version()::equals).isPresent()) {
                registry.promote(pipeline, record, beforeCommit);
            }
        }, listener);
    }

    /**
     * Points {@code challenger} at a version that did not beat the champion ({@code model.training.challenger});
     * {@code beforeCommit} (publishing the move) runs before each attempt's commit, as for {@link #promote}.
     */
    public void challenge(String pipeline, String version, String reason, Instant at,
                          Consumer<AliasMove> beforeCommit) {
        retry.run("setting the challenger", () -> registry.moveAlias(pipeline, Alias.CHALLENGER, version,
                AliasMove.MOVE, ModelRegistry.TRAINING_ACTOR, reason, at, beforeCommit), listener);
    }
}
