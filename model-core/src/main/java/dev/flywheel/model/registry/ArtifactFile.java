package dev.flywheel.model.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * One file of a registry version as the registry lists it: name, size and SHA-256 (lower-case hex). The
 * registry's list is what a downloaded copy is checked against.
 */
public record ArtifactFile(String name, long size, String sha256) {

    /** Plain file names only: no folders, no hidden files, nothing a path could be built from. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,199}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public ArtifactFile {
        if (!isName(name)) {
            throw new IllegalArgumentException("name must be a plain file name (letters, digits, '.', '_', '-', not"
                    + " starting with '.') but was '" + name + "'");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size of " + name + " must not be negative but was " + size);
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 of " + name + " must be 64 lower-case hex digits but was '"
                    + sha256 + "'");
        }
    }

    public static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches() && !name.contains("..");
    }

    /** Reads a file once to describe it. */
    public static ArtifactFile of(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = newDigest();
            byte[] buffer = new byte[64 * 1024];
            long size = 0;
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
                size += read;
            }
            return new ArtifactFile(file.getFileName().toString(), size, HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " to compute its SHA-256: " + e.getMessage(), e);
        }
    }

    /** Whether {@code file} has this size and checksum. */
    public boolean matches(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        ArtifactFile actual = of(file);
        return actual.size == size && actual.sha256.equals(sha256);
    }

    /** The digest as {@code Digest}/{@code Repr-Digest} headers carry it: base64 of the raw bytes. */
    public String sha256Base64() {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256));
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
