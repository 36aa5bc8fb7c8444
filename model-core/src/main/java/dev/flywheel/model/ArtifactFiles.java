package dev.flywheel.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The artifact files of one version folder, read for a {@link ModelFamily}. When the metadata records
 * checksums (format 2), every read is verified: a file whose SHA-256 differs from the recorded one, or that
 * the metadata does not list, is refused, so a corrupted or swapped file never becomes a serving model.
 * Versions of format 1 recorded no checksums and are read as they are.
 */
public final class ArtifactFiles {

    private final Path versionDir;
    private final Map<String, String> checksums;

    ArtifactFiles(Path versionDir, Map<String, String> checksums) {
        this.versionDir = versionDir;
        this.checksums = Map.copyOf(checksums);
    }

    /** The files of {@code versionDir} as its metadata describes them. */
    public static ArtifactFiles of(Path versionDir, ModelMetadata metadata) {
        return new ArtifactFiles(versionDir, metadata.artifacts());
    }

    /**
     * The bytes of one file, verified.
     *
     * @throws IOException when it is missing, not recorded in the metadata, or its checksum does not match
     */
    public byte[] read(String name) throws IOException {
        if (!checksums.isEmpty() && !checksums.containsKey(name)) {
            throw new IOException("artifact file " + name + " of " + versionDir + " is not recorded in "
                    + ModelArtifacts.METADATA_FILE + " (recorded: " + checksums.keySet() + ")");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(versionDir.resolve(name));
        } catch (NoSuchFileException e) {
            throw new IOException("artifact file " + name + " is missing from " + versionDir, e);
        }
        String expected = checksums.get(name);
        if (expected != null) {
            String actual = sha256(bytes);
            if (!actual.equalsIgnoreCase(expected)) {
                throw new IOException("artifact file " + versionDir.resolve(name) + " is corrupt: its SHA-256 is " + actual
                        + " but " + ModelArtifacts.METADATA_FILE + " records " + expected);
            }
        }
        return bytes;
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
