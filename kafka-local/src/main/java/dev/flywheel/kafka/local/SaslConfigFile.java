package dev.flywheel.kafka.local;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Hands a {@link SaslListener} from the launcher to {@link BrokerMain} as {@code <dir>/sasl.properties}
 * ({@code user.<name>=<password>}, {@code keystore.location}, {@code keystore.password}), readable by the owner
 * only: the passwords never appear on a command line, where {@code ps} would show them.
 */
final class SaslConfigFile {

    static final String FILE_NAME = "sasl.properties";
    private static final String USER_PREFIX = "user.";
    private static final String KEYSTORE_LOCATION = "keystore.location";
    private static final String KEYSTORE_PASSWORD = "keystore.password";

    private SaslConfigFile() {
    }

    /** Writes the listener's users and key store into {@code directory}; returns the file. */
    static Path write(Path directory, SaslListener sasl) {
        Properties properties = new Properties();
        sasl.users().forEach((name, password) -> properties.setProperty(USER_PREFIX + name, password));
        if (sasl.keyStore() != null) {
            properties.setProperty(KEYSTORE_LOCATION, sasl.keyStore().toString());
            properties.setProperty(KEYSTORE_PASSWORD, sasl.keyStorePassword());
        }
        Path file = directory.resolve(FILE_NAME);
        try {
            Files.deleteIfExists(file);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                properties.store(out, "SASL users and key store of the broker's SASL listener; written by the launcher");
            }
            return file;
        } catch (IOException e) {
            throw new BrokerStartException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The listener the file describes, on {@code port}. */
    static SaslListener read(Path file, int port) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        Map<String, String> users = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(USER_PREFIX)) {
                users.put(key.substring(USER_PREFIX.length()), properties.getProperty(key));
            }
        }
        String location = properties.getProperty(KEYSTORE_LOCATION);
        return new SaslListener(port, users, location == null ? null : Path.of(location),
                properties.getProperty(KEYSTORE_PASSWORD));
    }
}
