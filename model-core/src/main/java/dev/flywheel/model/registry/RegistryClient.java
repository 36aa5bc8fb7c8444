package dev.flywheel.model.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;

import dev.flywheel.contracts.json.Json;
import dev.flywheel.model.ModelArtifacts;
import dev.flywheel.model.RegistryLayout;

/**
 * Fetches a registry version over HTTP into a local cache folder, for {@link ModelArtifacts#load}.
 *
 * <p>Consumes a version URI as training-service publishes it ({@code http://host:port/v1/pipelines/{p}/models/{v}}):
 * reads the {@link RegisteredVersion} there, then downloads each listed file from {@code {uri}/files/{name}},
 * hashing it while it streams. Produces {@code <cache>/<pipeline>/<version>/} holding exactly the verified files.
 * A file whose size or SHA-256 differs from the registry's list fails the fetch with an
 * {@link ArtifactChecksumException} and leaves nothing in the cache. Files already cached are checked
 * again and reused when they still match, so a cache never serves what the registry no longer lists.
 * Fetches are one at a time per client.
 */
public final class RegistryClient {

    private final HttpClient http;
    private final Path cache;
    private final Duration timeout;

    public RegistryClient(HttpClient http, Path cache, Duration timeout) {
        this.http = http;
        this.cache = cache.toAbsolutePath().normalize();
        this.timeout = timeout;
    }

    /** A client with its own HTTP client (HTTP/1.1, following no redirects). */
    public static RegistryClient create(Path cache, Duration timeout) {
        return new RegistryClient(HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1)
                .build(), cache, timeout);
    }

    public Path cache() {
        return cache;
    }

    /** The metadata and file list of a version. */
    public RegisteredVersion describe(URI versionUri) {
        HttpRequest request = HttpRequest.newBuilder(versionUri).timeout(timeout)
                .header("Accept", "application/json").GET().build();
        HttpResponse<byte[]> response = send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + versionUri + " answered " + response.statusCode() + ": "
                    + excerpt(response.body()));
        }
        try {
            return Json.mapper().readValue(response.body(), RegisteredVersion.class);
        } catch (IOException e) {
            throw new IllegalStateException("GET " + versionUri + " did not answer a registry version: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Downloads (or reuses) every file of the version and returns its local folder.
     *
     * @throws ArtifactChecksumException when a downloaded file is not the one the registry lists
     */
    public synchronized Path fetch(URI versionUri) {
        RegisteredVersion version = describe(versionUri);
        if (!RegistryLayout.isVersion(version.version()) || !ArtifactFile.isName(version.pipeline())) {
            throw new IllegalStateException(versionUri + " describes pipeline '" + version.pipeline() + "' version '"
                    + version.version() + "', which cannot name a cache folder");
        }
        if (version.files().isEmpty()) {
            throw new IllegalStateException(versionUri + " lists no files for version " + version.version());
        }
        Path target = RegistryLayout.versionDir(cache, version.pipeline(), version.version());
        if (holdsExactly(target, version)) {
            return target;
        }
        Path staging = target.resolveSibling("." + version.version() + ".download-" + UUID.randomUUID());
        try {
            Files.createDirectories(staging);
            for (ArtifactFile file : version.files()) {
                Path local = staging.resolve(file.name());
                Path cached = target.resolve(file.name());
                if (file.matches(cached)) {
                    Files.copy(cached, local);
                } else {
                    download(fileUri(versionUri, file.name()), local, file, version);
                }
            }
            deleteRecursively(target);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fetch " + versionUri + " into " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(staging);
        }
    }

    static URI fileUri(URI versionUri, String name) {
        String base = versionUri.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/files/" + name);
    }

    private void download(URI uri, Path local, ArtifactFile expected, RegisteredVersion version) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        HttpResponse<InputStream> response = send(request, HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest digest = ArtifactFile.newDigest();
        long size = 0;
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + uri + " answered " + response.statusCode() + ": "
                        + excerpt(in.readNBytes(500)));
            }
            try (OutputStream out = Files.newOutputStream(local)) {
                byte[] buffer = new byte[64 * 1024];
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    digest.update(buffer, 0, read);
                    out.write(buffer, 0, read);
                    size += read;
                }
            }
        }
        String sha256 = HexFormat.of().formatHex(digest.digest());
        if (size != expected.size() || !sha256.equals(expected.sha256())) {
            throw new ArtifactChecksumException(expected.name() + " of pipeline " + version.pipeline() + " version "
                    + version.version() + " from " + uri + " is " + size + " bytes with SHA-256 " + sha256
                    + ", but the registry lists " + expected.size() + " bytes with SHA-256 " + expected.sha256()
                    + "; the file was discarded");
        }
    }

    /** Whether the folder holds the listed files, unchanged, and nothing else. */
    private static boolean holdsExactly(Path folder, RegisteredVersion version) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> children = Files.list(folder)) {
            if (children.count() != version.files().size()) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        return version.files().stream().allMatch(file -> file.matches(folder.resolve(file.name())));
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + request.method() + " " + request.uri(), e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteRecursively(dir);
        } catch (UncheckedIOException ignored) {
            // a leftover hidden .download folder is never read as a version
        }
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
