package dev.flywheel.training.registry;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Singleton;

import dev.flywheel.contracts.event.ModelAliasMoved;
import dev.flywheel.contracts.event.ModelLifecycleEvent;
import dev.flywheel.contracts.event.ModelPromoted;

/**
 * Alias moves asked for from outside a training run (HTTP): each is audited in the registry and published
 * on {@code flywheel.models} before it is committed — a {@code ModelPromoted} when the champion moves (so
 * inference services swap to it), a {@code ModelAliasMoved} for the other aliases. If the broker does not
 * acknowledge the event, the move is undone and the caller gets the error.
 */
@Singleton
public class AliasMoves {

    private final ModelRegistry registry;
    private final ModelLifecyclePublisher publisher;

    public AliasMoves(ModelRegistry registry, ModelLifecyclePublisher publisher) {
        this.registry = registry;
        this.publisher = publisher;
    }

    /**
     * Points {@code alias} at {@code version}.
     *
     * @return the move, or empty when the alias pointed there already (nothing recorded or published)
     * @throws UnknownVersionException   when the pipeline has no such version
     * @throws RegistryConflictException when the challenger would be the champion
     */
    public Optional<AliasMove> move(String pipeline, Alias alias, String version, String actor, String reason) {
        if (alias == Alias.CHALLENGER && registry.champion(pipeline).filter(version::equals).isPresent()) {
            throw new RegistryConflictException("version " + version + " is the champion of " + pipeline
                    + "; a challenger must be another version");
        }
        return registry.moveAlias(pipeline, alias, version, AliasMove.MOVE, actor, reason, Instant.now(),
                this::publish);
    }

    /**
     * Moves the champion back: to {@code version} when given, else to the champion before the current one
     * ({@link ModelRegistry#rollbackTarget}).
     *
     * @throws RegistryConflictException when there is no champion, nothing to go back to, or the target is
     *                                   the champion already
     * @throws UnknownVersionException   when the named version does not exist
     */
    public AliasMove rollback(String pipeline, Optional<String> version, String actor, String reason) {
        String current = registry.champion(pipeline).orElseThrow(() -> new RegistryConflictException(
                pipeline + " has no champion to roll back"));
        String target = version.orElseGet(() -> registry.rollbackTarget(pipeline).orElseThrow(() ->
                new RegistryConflictException("champion " + current + " of " + pipeline
                        + " replaced no earlier champion; name the version to roll back to")));
        if (target.equals(current)) {
            throw new RegistryConflictException("version " + target + " is the champion of " + pipeline
                    + " already");
        }
        String why = "rollback from " + current + " to " + target + " by " + actor + ": " + reason;
        return registry.moveAlias(pipeline, Alias.CHAMPION, target, AliasMove.ROLLBACK, actor, why, Instant.now(),
                this::publish).orElseThrow();
    }

    private void publish(AliasMove move) {
        String artifactUri = registry.artifactUri(move.pipeline(), move.toVersion()).toString();
        ModelLifecycleEvent event = Alias.CHAMPION.keyword().equals(move.alias())
                ? new ModelPromoted(UUID.randomUUID().toString(), ModelPromoted.SCHEMA_VERSION, move.pipeline(),
                        move.toVersion(), move.fromVersion(), artifactUri, reason(move), move.movedAt())
                : new ModelAliasMoved(UUID.randomUUID().toString(), ModelAliasMoved.SCHEMA_VERSION, move.pipeline(),
                        move.toVersion(), move.alias(), move.fromVersion(), move.action(), move.actor(), move.reason(),
                        artifactUri, move.movedAt());
        publisher.publish(event);
    }

    private static String reason(AliasMove move) {
        return AliasMove.ROLLBACK.equals(move.action()) ? move.reason()
                : "champion moved by " + move.actor() + ": " + move.reason();
    }
}
