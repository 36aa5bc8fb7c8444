package dev.flywheel.kafka.local;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A second client listener of a {@link LocalKafkaBroker} that authenticates every connection with SASL
 * SCRAM-SHA-512: {@code SASL_PLAINTEXT}, or {@code SASL_SSL} when a key store is given. The broker's own
 * PLAINTEXT listener ({@link LocalKafkaBroker#bootstrapServers()}) stays as it is, for the launcher's readiness
 * probe, the controller and test set-up (topic creation); only {@link LocalKafkaBroker#saslBootstrapServers()}
 * checks credentials. There are no ACLs: an authenticated user may do everything.
 *
 * <p>The users are written into the broker's storage when it is formatted (Kafka's {@code kafka-storage format
 * --add-scram}), as an operator bootstraps SCRAM users in KRaft, so a restart on a formatted directory keeps the
 * users it was formatted with and ignores changed ones.
 *
 * @param port             the listener's port on 127.0.0.1; 0 picks a free one
 * @param users            user name to password; names and passwords of letters, digits, {@code . _ -} only, so
 *                         they need no quoting in Kafka's {@code --add-scram} argument or a JAAS line
 * @param keyStore         a PKCS12 key store whose key and certificate (valid for 127.0.0.1) the listener presents;
 *                         null for {@code SASL_PLAINTEXT}
 * @param keyStorePassword the key store's (and its key's) password; null without a key store
 */
public record SaslListener(int port, Map<String, String> users, Path keyStore, String keyStorePassword) {

    /** The one mechanism the listener enables. */
    public static final String MECHANISM = "SCRAM-SHA-512";

    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9._-]+");

    public SaslListener {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("SaslListener.port must be 0 (free) or a port in 1..65535, was " + port);
        }
        Objects.requireNonNull(users, "SaslListener.users");
        if (users.isEmpty()) {
            throw new IllegalArgumentException("SaslListener.users: at least one user is needed, or no client could "
                    + "authenticate");
        }
        users.forEach((name, password) -> {
            if (name == null || !PLAIN_WORD.matcher(name).matches()) {
                throw new IllegalArgumentException("SaslListener.users: user name '" + name
                        + "' must be letters, digits, '.', '_' or '-'");
            }
            if (password == null || !PLAIN_WORD.matcher(password).matches()) {
                // The password itself is not shown.
                throw new IllegalArgumentException("SaslListener.users: the password of '" + name
                        + "' must be letters, digits, '.', '_' or '-'");
            }
        });
        users = Map.copyOf(new LinkedHashMap<>(users));
        if ((keyStore == null) != (keyStorePassword == null)) {
            throw new IllegalArgumentException("SaslListener: give keyStore and keyStorePassword together, or neither");
        }
        keyStore = keyStore == null ? null : keyStore.toAbsolutePath();
    }

    /** A {@code SASL_PLAINTEXT} listener on a free port for these SCRAM-SHA-512 users. */
    public static SaslListener scram(Map<String, String> users) {
        return new SaslListener(0, users, null, null);
    }

    /** The same listener as {@code SASL_SSL}, presenting the key and certificate of a PKCS12 key store. */
    public SaslListener withTls(Path pkcs12KeyStore, String password) {
        return new SaslListener(port, users, Objects.requireNonNull(pkcs12KeyStore, "pkcs12KeyStore"),
                Objects.requireNonNull(password, "password"));
    }

    public SaslListener withPort(int port) {
        return new SaslListener(port, users, keyStore, keyStorePassword);
    }

    /** {@code SASL_SSL} with a key store, else {@code SASL_PLAINTEXT}. */
    public String securityProtocol() {
        return keyStore != null ? "SASL_SSL" : "SASL_PLAINTEXT";
    }

    /** The {@code sasl.jaas.config} value a client logs in with. */
    public static String jaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /**
     * The settings a Kafka client needs besides {@code bootstrap.servers} to log in as {@code user}: security
     * protocol, mechanism and JAAS line. A {@code SASL_SSL} client also needs a trust store holding the
     * listener's certificate ({@code ssl.truststore.*}), which is the caller's to add.
     */
    public Map<String, Object> clientSettings(String user, String password) {
        return Map.of(
                "security.protocol", securityProtocol(),
                "sasl.mechanism", MECHANISM,
                "sasl.jaas.config", jaasConfig(user, password));
    }

    @Override
    public String toString() {
        // Never the passwords: this record ends up in log lines and assertion messages.
        return "SaslListener[" + securityProtocol() + " " + MECHANISM + ", port " + port + ", users "
                + users.keySet().stream().sorted().toList() + (keyStore != null ? ", key store " + keyStore : "") + "]";
    }
}
