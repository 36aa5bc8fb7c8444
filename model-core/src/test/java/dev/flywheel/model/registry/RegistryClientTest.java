package dev.flywheel.model.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import dev.flywheel.contracts.json.Json;

/** {@link RegistryClient} against a real HTTP server on loopback that serves one version. */
class RegistryClientTest {

    @TempDir
    Path served;

    @TempDir
    Path cache;

    private HttpServer server;
    private URI versionUri;
    private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
    private final AtomicInteger fileDownloads = new AtomicInteger();
    private List<ArtifactFile> listed;

    @BeforeEach
    void serveVersion() throws IOException {
        Files.writeString(served.resolve("model.json"), "{\"pipeline\":\"p\",\"version\":\"7\"}");
        Files.write(served.resolve("model.params"), new byte[] {1, 2, 3, 4, 5});
        listed = List.of(ArtifactFile.of(served.resolve("model.json")), ArtifactFile.of(served.resolve("model.params")));
        for (ArtifactFile file : listed) {
            bodies.put(file.name(), Files.readAllBytes(served.resolve(file.name())));
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/pipelines/p/models/7", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            int status = 200;
            if (path.equals("/v1/pipelines/p/models/7")) {
                body = Json.mapper().writeValueAsBytes(new RegisteredVersion("p", "7", "mlp", "mlp", "manual",
                        Instant.EPOCH, Map.of(), Map.of("roc_auc", 0.9), List.of(), null, null, null,
                        List.of("champion"), listed, null));
            } else {
                fileDownloads.incrementAndGet();
                body = bodies.get(path.substring(path.lastIndexOf('/') + 1));
                if (body == null) {
                    status = 404;
                    body = "no such file".getBytes(StandardCharsets.UTF_8);
                }
            }
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        versionUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/pipelines/p/models/7");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void fetchesEveryListedFileIntoTheCacheAndReusesIt() throws IOException {
        // Given a client with an empty cache
        RegistryClient client = RegistryClient.create(cache, Duration.ofSeconds(10));

        // When it fetches the version twice
        Path first = client.fetch(versionUri);
        Path second = client.fetch(versionUri);

        // Then both files are in <cache>/p/7, byte for byte, and were downloaded once
        assertThat(first).isEqualTo(cache.toAbsolutePath().resolve("p").resolve("7")).isEqualTo(second);
        assertThat(Files.readAllBytes(first.resolve("model.params"))).containsExactly(1, 2, 3, 4, 5);
        assertThat(Files.readString(first.resolve("model.json"))).contains("\"version\":\"7\"");
        assertThat(fileDownloads).hasValue(2);
    }

    @Test
    void aTamperedDownloadIsRejectedAndNothingIsCached() {
        // Given a server whose parameters file changed after the registry listed its checksum
        bodies.put("model.params", new byte[] {1, 2, 3, 4, 6});
        RegistryClient client = RegistryClient.create(cache, Duration.ofSeconds(10));

        // When the version is fetched, then the checksum mismatch is named and no folder is left behind
        assertThatThrownBy(() -> client.fetch(versionUri))
                .isInstanceOf(ArtifactChecksumException.class)
                .hasMessageContaining("model.params of pipeline p version 7")
                .hasMessageContaining("but the registry lists 5 bytes with SHA-256 " + listed.get(1).sha256());
        assertThat(cache.resolve("p").resolve("7")).doesNotExist();
    }

    @Test
    void aCachedFileChangedOnDiskIsDownloadedAgain() throws IOException {
        // Given a fetched version whose cached parameters were then altered
        RegistryClient client = RegistryClient.create(cache, Duration.ofSeconds(10));
        Path folder = client.fetch(versionUri);
        Files.write(folder.resolve("model.params"), new byte[] {9, 9});

        // When it is fetched again
        client.fetch(versionUri);

        // Then only the altered file was downloaded again, and the cache holds the listed bytes
        assertThat(fileDownloads).hasValue(3);
        assertThat(Files.readAllBytes(folder.resolve("model.params"))).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void aMissingFileFailsWithTheServersAnswer() {
        bodies.remove("model.json");
        RegistryClient client = RegistryClient.create(cache, Duration.ofSeconds(10));

        assertThatThrownBy(() -> client.fetch(versionUri))
                .hasMessageContaining("/v1/pipelines/p/models/7/files/model.json answered 404: no such file");
    }

    @Test
    void artifactFilesAreDescribedBySizeAndSha256() throws IOException {
        // sha256sum of the 5 bytes 01..05
        assertThat(listed.get(1)).isEqualTo(new ArtifactFile("model.params", 5,
                "74f81fe167d99b4cb41d6d0ccda82278caee9f3e2f25d5e5a3936ff3dcec60d0"));
        assertThat(listed.get(1).sha256Base64()).isEqualTo("dPgf4WfZm0y0HW0MzagieMrunz4vJdXlo5Nv89zsYNA=");
        assertThatThrownBy(() -> new ArtifactFile("../etc", 1, listed.get(1).sha256()))
                .hasMessageContaining("name must be a plain file name");
    }
}
