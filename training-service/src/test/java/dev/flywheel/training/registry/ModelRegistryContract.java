package dev.flywheel.training.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flywheel.contracts.event.DriftDetected;
import dev.flywheel.contracts.event.OffsetRange;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.model.ModelArtifacts;
import dev.flywheel.model.ModelMetadata;
import dev.flywheel.model.PromotionRecord;
import dev.flywheel.model.RegistryLayout;
import dev.flywheel.model.Standardisation;
import dev.flywheel.model.registry.ArtifactFile;
import dev.flywheel.model.registry.RegisteredVersion;

/**
 * The registry's behaviour, run against each database it supports (a subclass per database). Every test
 * uses a pipeline name of its own, so tests sharing one database do not see each other's rows.
 */
abstract class ModelRegistryContract {

    @TempDir
    Path folder;

    private ModelRegistry registry;
    private String pipeline;

    /** A database migrated to the registry's schema. */
    abstract DataSource dataSource();

    @BeforeEach
    void openRegistry() {
        registry = new ModelRegistry(folder, new RegistryStore(dataSource()), Optional.empty());
        pipeline = "p-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void versionsAreNumberedAndStoredWithTheirFilesChecksumsAndLineage() throws IOException {
        // Given two registrations, the second trained while the first was champion and started by drift
        register(Lineage.NONE, new byte[] {1, 2, 3});
        register(new Lineage("1", "drift-42", "ab".repeat(32)), new byte[] {4, 5});

        // When the registry is read back
        List<ModelMetadata> versions = registry.versions(pipeline);
        RegisteredVersion second = registry.describe(pipeline, "2").orElseThrow();

        // Then both are there in order, with lineage, and each file with the size and SHA-256 of the file on disk
        assertThat(versions).extracting(ModelMetadata::version).containsExactly("1", "2");
        assertThat(second.parentVersion()).isEqualTo("1");
        assertThat(second.driftEventId()).isEqualTo("drift-42");
        assertThat(second.specHash()).isEqualTo("ab".repeat(32));
        assertThat(second.metrics()).containsEntry("average_precision", 0.5);
        assertThat(second.dataset()).containsExactly(new OffsetRange("flywheel." + pipeline + ".examples", 0, 0, 99));
        assertThat(second.metadata().get("candidate").asText()).isEqualTo("mlp");
        assertThat(second.files()).extracting(ArtifactFile::name).containsExactly("model.json", "model.params");
        Path params = registry.versionDir(pipeline, "2").resolve("model.params");
        assertThat(second.files().get(1)).isEqualTo(ArtifactFile.of(params));
        assertThat(second.files().get(1).size()).isEqualTo(2);
        assertThat(registry.describe(pipeline, "1").orElseThrow().parentVersion()).isNull();
        assertThat(registry.describe(pipeline, "3")).isEmpty();
        assertThat(registry.file(pipeline, "2", "model.params").orElseThrow().path()).isEqualTo(params);
        assertThat(registry.file(pipeline, "2", "../1/model.params")).isEmpty();
    }

    @Test
    void filesWrittenAfterRegistrationAreRecordedOnRequest() throws IOException {
        // Given a version, then a report written into its folder
        register(Lineage.NONE, new byte[] {1});
        Files.writeString(registry.versionDir(pipeline, "1").resolve("profile.json"), "{}");

        // When its files are recorded (twice: the second time finds nothing new)
        List<ArtifactFile> added = registry.recordFiles(pipeline, "1");
        List<ArtifactFile> again = registry.recordFiles(pipeline, "1");

        // Then the report is listed with its checksum
        assertThat(added).extracting(ArtifactFile::name).containsExactly("profile.json");
        assertThat(again).isEmpty();
        assertThat(registry.describe(pipeline, "1").orElseThrow().files()).extracting(ArtifactFile::name)
                .containsExactly("model.json", "model.params", "profile.json");
    }

    @Test
    void promotionsMovesAndRollbacksAreAuditedAndRollbacksWalkBackThroughEarlierChampions() {
        // Given three versions, each promoted by training in turn, and version 3 also set as challenger
        for (int i = 1; i <= 3; i++) {
            register(Lineage.NONE, new byte[] {(byte) i});
            registry.promote(pipeline, new PromotionRecord(Integer.toString(i), null, "better " + i, Instant.now()));
        }
        registry.moveAlias(pipeline, Alias.CHALLENGER, "3", AliasMove.MOVE, "alice", "trial", Instant.now(), m -> {
        });

        // When the champion is rolled back, and rolled back again
        String firstTarget = registry.rollbackTarget(pipeline).orElseThrow();
        registry.moveAlias(pipeline, Alias.CHAMPION, firstTarget, AliasMove.ROLLBACK, "bob", "bad AP", Instant.now(),
                m -> {
                });
        String secondTarget = registry.rollbackTarget(pipeline).orElseThrow();
        registry.moveAlias(pipeline, Alias.CHAMPION, secondTarget, AliasMove.ROLLBACK, "bob", "still bad",
                Instant.now(), m -> {
                });

        // Then it went 3 -> 2 -> 1 (not back and forth), and version 1 replaced nothing to go back to
        assertThat(firstTarget).isEqualTo("2");
        assertThat(secondTarget).isEqualTo("1");
        assertThat(registry.rollbackTarget(pipeline)).isEmpty();
        assertThat(registry.aliases(pipeline)).isEqualTo(Map.of("champion", "1", "challenger", "3"));

        // And every move is audited, newest first, with who, why, from and to
        List<AliasMove> history = registry.history(pipeline, Optional.of(Alias.CHAMPION));
        assertThat(history).extracting(AliasMove::fromVersion, AliasMove::toVersion, AliasMove::action,
                AliasMove::actor).containsExactly(
                tuple("2", "1", "rollback", "bob"),
                tuple("3", "2", "rollback", "bob"),
                tuple("2", "3", "promote", "training-service"),
                tuple("1", "2", "promote", "training-service"),
                tuple(null, "1", "promote", "training-service"));
        assertThat(history.get(0).reason()).isEqualTo("still bad");
        assertThat(registry.history(pipeline, Optional.empty())).hasSize(6);
        assertThat(registry.promoted(pipeline)).hasValueSatisfying(record -> {
            assertThat(record.version()).isEqualTo("1");
            assertThat(record.previousVersion()).isEqualTo("2");
            assertThat(record.reason()).isEqualTo("still bad");
        });
    }

    @Test
    void aMoveIsUndoneWhenItsEventCannotBePublished() {
        // Given a champion
        register(Lineage.NONE, new byte[] {1});
        register(Lineage.NONE, new byte[] {2});
        registry.promote(pipeline, new PromotionRecord("1", null, "first", Instant.now()));

        // When a move's event fails before the commit
        assertThatThrownBy(() -> registry.moveAlias(pipeline, Alias.CHAMPION, "2", AliasMove.MOVE, "alice", "try",
                Instant.now(), move -> {
                    throw new IllegalStateException("broker down");
                })).hasMessage("broker down");

        // Then the champion and its history are as before
        assertThat(registry.champion(pipeline)).contains("1");
        assertThat(registry.history(pipeline, Optional.of(Alias.CHAMPION))).hasSize(1);
    }

    @Test
    void movingAnAliasWhereItPointsRecordsNothingAndUnknownVersionsAreRefused() {
        register(Lineage.NONE, new byte[] {1});
        registry.promote(pipeline, new PromotionRecord("1", null, "first", Instant.now()));

        assertThat(registry.moveAlias(pipeline, Alias.CHAMPION, "1", AliasMove.MOVE, "a", "again", Instant.now(),
                move -> {
                })).isEmpty();
        assertThat(registry.history(pipeline, Optional.empty())).hasSize(1);
        assertThatThrownBy(() -> registry.moveAlias(pipeline, Alias.CHAMPION, "7", AliasMove.MOVE, "a", "r",
                Instant.now(), move -> {
                })).isInstanceOf(UnknownVersionException.class).hasMessage("no version '7' of " + pipeline);
    }

    @Test
    void aFolderOnlyRegistryIsImportedOnceWithItsChampion() throws IOException {
        // Given a registry folder written before the database existed: two versions and promoted.json
        for (String version : List.of("1", "2")) {
            Path dir = RegistryLayout.versionDir(folder, pipeline, version);
            Files.createDirectories(dir);
            Json.mapper().writeValue(dir.resolve(ModelArtifacts.METADATA_FILE).toFile(), metadata(version));
            Files.write(dir.resolve(ModelArtifacts.PARAMETERS_FILE), new byte[] {9, 9, 9});
        }
        RegistryLayout.writePromoted(folder, pipeline, new PromotionRecord("2", "1", "better AP",
                Instant.parse("2026-11-01T10:00:00Z")));

        // When it is imported twice (two starts)
        int first = registry.importFolders();
        int second = registry.importFolders();

        // Then the versions, their files and the champion are in the database, once
        assertThat(first).isGreaterThanOrEqualTo(2);
        assertThat(second).isZero();
        assertThat(registry.versions(pipeline)).extracting(ModelMetadata::version).containsExactly("1", "2");
        assertThat(registry.describe(pipeline, "2").orElseThrow().files()).extracting(ArtifactFile::size)
                .containsExactly(Files.size(RegistryLayout.versionDir(folder, pipeline, "2")
                        .resolve(ModelArtifacts.METADATA_FILE)), 3L);
        assertThat(registry.champion(pipeline)).contains("2");
        List<AliasMove> history = registry.history(pipeline, Optional.of(Alias.CHAMPION));
        assertThat(history).singleElement().satisfies(move -> {
            assertThat(move.action()).isEqualTo("import");
            assertThat(move.reason()).isEqualTo("imported from promoted.json: better AP");
            assertThat(move.movedAt()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
        });

        // And the next registration continues the numbering
        register(Lineage.NONE, new byte[] {1});
        assertThat(registry.versions(pipeline)).extracting(ModelMetadata::version).containsExactly("1", "2", "3");
    }

    @Test
    void artifactUrisAreFileUrisUnlessAPublicUrlIsSet() {
        register(Lineage.NONE, new byte[] {1});
        ModelRegistry served = new ModelRegistry(folder, new RegistryStore(dataSource()),
                Optional.of(URI.create("http://training:8083/")));

        assertThat(registry.artifactUri(pipeline, "1")).isEqualTo(registry.versionDir(pipeline, "1").toUri());
        assertThat(served.artifactUri(pipeline, "1"))
                .isEqualTo(URI.create("http://training:8083/v1/pipelines/" + pipeline + "/models/1"));
    }

    @Test
    void aDriftVerdictOwedSurvivesAReopenUntilItsRunSettlesIt() {
        // Given a verdict owed for this pipeline, then a newer one replacing it, and one owed for another pipeline
        DriftDetected first = drift(pipeline, "1");
        DriftDetected newer = drift(pipeline, "1");
        DriftDetected other = drift(pipeline + "-other", "4");
        PendingDrifts before = new PendingDrifts(dataSource());
        before.owe(first, Instant.parse("2026-11-28T10:00:00Z"));
        before.owe(other, Instant.parse("2026-11-28T10:00:01Z"));
        before.owe(newer, Instant.parse("2026-11-28T10:00:02Z"));

        // When the service starts again on the same database
        PendingDrifts after = new PendingDrifts(dataSource());

        // Then the newest verdict of each pipeline is owed, oldest first, read back whole
        assertThat(after.owed()).filteredOn(d -> d.pipeline().startsWith(pipeline)).containsExactly(other, newer);
        // And settling the replaced verdict leaves the newer one; settling the newer one clears the pipeline
        after.settle(pipeline, first.eventId());
        assertThat(after.owed()).filteredOn(d -> d.pipeline().equals(pipeline)).containsExactly(newer);
        after.settle(pipeline, newer.eventId());
        assertThat(after.owed()).filteredOn(d -> d.pipeline().startsWith(pipeline)).containsExactly(other);
    }

    private static DriftDetected drift(String pipeline, String version) {
        Instant now = Instant.parse("2026-11-28T09:00:00Z");
        return new DriftDetected(UUID.randomUUID().toString(), DriftDetected.SCHEMA_VERSION, pipeline, version,
                DriftDetected.Kind.ACCURACY, "adwin", 0.31, 0.002, 0.12, now.minus(Duration.ofHours(1)), now, now,
                Map.of("window", 812.0));
    }

    private void register(Lineage lineage, byte[] parameters) {
        registry.register(pipeline, lineage, this::metadata, (dir, metadata) -> {
            try {
                Files.createDirectories(dir);
                Json.mapper().writeValue(dir.resolve(ModelArtifacts.METADATA_FILE).toFile(), metadata);
                Files.write(dir.resolve(ModelArtifacts.PARAMETERS_FILE), parameters);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private ModelMetadata metadata(String version) {
        return new ModelMetadata(ModelMetadata.FORMAT_VERSION, pipeline, version, "mlp", "mlp", List.of("a", "b"),
                List.of(4), new Standardisation(new double[] {0, 0}, new double[] {1, 1}), 0.5,
                Map.of("epochs", 3), 2.0, Map.of("average_precision", 0.5),
                new ArrayList<>(List.of(new OffsetRange("flywheel." + pipeline + ".examples", 0, 0, 99))), 100, 25,
                "manual", Instant.parse("2026-11-27T12:00:00Z"), Duration.ofMillis(250));
    }
}
