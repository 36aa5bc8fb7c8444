package dev.flywheel.training.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flywheel.contracts.event.OffsetRange;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.model.ModelArtifacts;
import dev.flywheel.model.ModelMetadata;
import dev.flywheel.model.PromotionRecord;
import dev.flywheel.model.RegistryLayout;
import dev.flywheel.model.Standardisation;
import dev.flywheel.model.registry.ArtifactFile;
import io.agroal.api.AgroalDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real registry database outage: an embedded PostgreSQL stopped in the middle of a registration (after the
 * version's folder is written, before it is recorded) and started again on the same port and data folder. The
 * registration steps a training run takes ({@link RetryingRegistration}, through the pool the service uses) must
 * wait, say so, and register the version once when the database is back; when it stays away longer than the
 * retries, the written version is kept on disk and recorded later.
 */
class RegistryOutageTest {

    private static final String PIPELINE = "outage";

    @TempDir
    Path folder;

    private int port;
    private Path data;
    private volatile EmbeddedPostgres postgres;
    private AgroalDataSource dataSource;
    private ModelRegistry registry;
    private final List<String> told = new CopyOnWriteArrayList<>();
    private final RegistryRetry.Listener listener = (step, retry, retries, wait, cause) ->
            told.add("registry unavailable, retry " + retry + " of " + retries + " in " + wait.toMillis() + " ms ("
                    + step + ")");

    @BeforeEach
    void startPostgresAndTheRegistryWithVersionOneAsChampion() throws IOException {
        data = Files.createDirectories(folder.resolve("pgdata"));
        postgres = startPostgres(0);
        port = postgres.getPort();
        dataSource = RegistryDatabase.open(postgres.getJdbcUrl("postgres", "postgres"), Optional.empty(),
                Optional.empty(), 2);
        RegistrySchema.migrate(dataSource);
        registry = new ModelRegistry(folder.resolve("registry"), new RegistryStore(dataSource), Optional.empty());
        registry.register(PIPELINE, Lineage.NONE, this::metadata, writer(new byte[] {1}, () -> { }));
        registry.promote(PIPELINE, new PromotionRecord("1", null, "first", Instant.now()));
    }

    @AfterEach
    void stop() throws IOException {
        if (dataSource != null) {
            dataSource.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aRegistrationDuringAnOutageWaitsAndRegistersTheVersionOnceWhenTheDatabaseIsBack() throws Exception {
        // Given a run's registration steps, retried every 200 ms up to 1 s, 60 times at most
        RetryingRegistration steps = new RetryingRegistration(registry, new RegistryRetry(new RegistryRetry.Backoff(
                60, Duration.ofMillis(200), Duration.ofSeconds(1))), listener);

        // When the database stops right after the version's folder is written, mid-registration
        long started = System.nanoTime();
        CompletableFuture<String> registered = CompletableFuture.supplyAsync(() -> {
            ModelMetadata version = steps.register(PIPELINE, new Lineage("1", null, "ab".repeat(32)), this::metadata,
                    writer(new byte[] {2, 2}, this::stopPostgres));
            write(folderOf(version.version()).resolve("profile.json"));
            steps.recordFiles(PIPELINE, version.version());
            PromotionRecord promoted = steps.promoted(PIPELINE).orElseThrow();
            steps.promote(PIPELINE, new PromotionRecord(version.version(), promoted.version(), "better",
                    Instant.now()), move -> { });
            return version.version();
        });
        // ... the steps are seen waiting, and the database starts again on its port and data folder
        await().atMost(Duration.ofSeconds(30)).until(() -> told.size() >= 3);
        assertThat(registered).isNotDone();
        postgres = startPostgres(port);
        long back = System.nanoTime();

        // Then the version is registered as 2 (no gap, no second folder), with its files, and made champion
        assertThat(registered.get(90, TimeUnit.SECONDS)).isEqualTo("2");
        System.out.printf("registry outage: %d retries; registered %d ms after the database was back (outage %d ms)%n",
                told.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back),
                TimeUnit.NANOSECONDS.toMillis(back - started));
        assertThat(registry.versions(PIPELINE)).extracting(ModelMetadata::version).containsExactly("1", "2");
        assertThat(RegistryLayout.versions(registry.root(), PIPELINE)).containsExactly("1", "2");
        assertThat(registry.describe(PIPELINE, "2").orElseThrow().parentVersion()).isEqualTo("1");
        assertThat(registry.describe(PIPELINE, "2").orElseThrow().files()).extracting(ArtifactFile::name)
                .containsExactly("model.json", "model.params", "profile.json");
        assertThat(registry.champion(PIPELINE)).contains("2");
        assertThat(told).first().asString().startsWith("registry unavailable, retry 1 of 59 in 200 ms (");
    }

    @Test
    void aVersionWrittenBeforeAnOutageLongerThanTheRetriesIsKeptAndRecordedWhenTheDatabaseIsBack() throws Exception {
        // Given three quick attempts at most
        RetryingRegistration steps = new RetryingRegistration(registry, new RegistryRetry(new RegistryRetry.Backoff(
                3, Duration.ofMillis(50), Duration.ofMillis(50))), listener);

        // When the database stops after the folder is written and stays away past the last attempt
        assertThatThrownBy(() -> steps.register(PIPELINE, Lineage.NONE, this::metadata,
                writer(new byte[] {3, 3, 3}, this::stopPostgres)))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageStartingWith("registry unavailable: registering the version failed 3 time(s)");

        // Then the trained version's folder is kept; once the database is back it is recorded, not lost
        assertThat(Files.exists(folderOf("2").resolve(ModelArtifacts.METADATA_FILE))).isTrue();
        postgres = startPostgres(port);
        assertThat(registry.importFolders()).isEqualTo(1);
        assertThat(registry.versions(PIPELINE)).extracting(ModelMetadata::version).containsExactly("1", "2");
        assertThat(told).hasSize(2);
    }

    private EmbeddedPostgres startPostgres(int onPort) throws IOException {
        // The same data folder every time, kept on close: a restart is the same database after an outage.
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(data)
                .setCleanDataDirectory(false);
        if (onPort > 0) {
            builder.setPort(onPort);
        }
        return builder.start();
    }

    private void stopPostgres() {
        try {
            postgres.close();
            postgres = null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file) {
        try {
            Files.writeString(file, "{}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path folderOf(String version) {
        return registry.versionDir(PIPELINE, version);
    }

    /** Writes a version's folder as a model family does, then runs {@code after} (the outage's start). */
    private static BiConsumer<Path, ModelMetadata> writer(byte[] parameters, Runnable after) {
        return (dir, metadata) -> {
            try {
                Files.createDirectories(dir);
                Json.mapper().writeValue(dir.resolve(ModelArtifacts.METADATA_FILE).toFile(), metadata);
                Files.write(dir.resolve(ModelArtifacts.PARAMETERS_FILE), parameters);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            after.run();
        };
    }

    private ModelMetadata metadata(String version) {
        return new ModelMetadata(ModelMetadata.FORMAT_VERSION, PIPELINE, version, "mlp", "mlp", List.of("a", "b"),
                List.of(4), new Standardisation(new double[] {0, 0}, new double[] {1, 1}), 0.5,
                Map.of("epochs", 3), 2.0, Map.of("average_precision", 0.5),
                new ArrayList<>(List.of(new OffsetRange("flywheel." + PIPELINE + ".examples", 0, 0, 99))), 100, 25,
                "manual", Instant.parse("2026-11-27T12:00:00Z"), Duration.ofMillis(250));
    }
}
