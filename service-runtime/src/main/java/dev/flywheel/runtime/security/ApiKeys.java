package dev.flywheel.runtime.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.flywheel.runtime.PlatformConfig;
import dev.flywheel.runtime.PlatformConfig.ApiClientSettings;
import io.quarkus.runtime.Startup;

/**
 * The API clients of {@code flywheel.security.api-keys}: consumes each client's key (or the key's SHA-256) and
 * roles, keeps only SHA-256 digests, and answers which client a presented key belongs to. A presented key is
 * hashed and compared with every digest in constant time ({@link MessageDigest#isEqual}), so neither the answer
 * time nor a log line tells anything about the keys. Checked at start: a wrong entry stops the service.
 */
@Singleton
@Startup
public class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class);
    private static final int MIN_KEY_LENGTH = 16;

    /** A client a key belongs to. */
    public record ApiClient(String name, Set<String> roles) {
    }

    private record Entry(ApiClient client, byte[] digest) {
    }

    private final List<Entry> entries;

    @Inject
    public ApiKeys(PlatformConfig config) {
        this(config.security().apiKeys());
        if (!config.security().enabled()) {
            LOG.warn("HTTP authentication is OFF (flywheel.security.enabled=false): every caller may do everything");
        } else if (entries.isEmpty()) {
            LOG.warn("HTTP authentication is on but no API keys are configured (flywheel.security.api-keys): "
                    + "every endpoint but health and metrics answers 401");
        } else {
            LOG.infof("HTTP authentication is on: %d API clients %s", entries.size(),
                    entries.stream().map(entry -> entry.client().name() + entry.client().roles()).toList());
        }
    }

    ApiKeys(Map<String, ApiClientSettings> clients) {
        List<Entry> checked = new ArrayList<>();
        // Sorted, so that the start-up log and the error for a repeated key name clients in a stable order.
        new TreeMap<>(clients).forEach((name, settings) -> {
            byte[] digest = digestOf(name, settings);
            for (Entry earlier : checked) {
                if (MessageDigest.isEqual(earlier.digest(), digest)) {
                    throw new IllegalStateException("flywheel.security.api-keys." + name
                            + ": the same key as client '" + earlier.client().name() + "'; each client needs its own");
                }
            }
            checked.add(new Entry(new ApiClient(name, rolesOf(name, settings.roles())), digest));
        });
        this.entries = List.copyOf(checked);
    }

    /** The client whose key this is; compares with every client's digest, whatever matches first. */
    public Optional<ApiClient> match(String presented) {
        byte[] digest = sha256(presented);
        ApiClient found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), digest) && found == null) {
                found = entry.client();
            }
        }
        return Optional.ofNullable(found);
    }

    /** How many clients are configured. */
    public int size() {
        return entries.size();
    }

    private static byte[] digestOf(String name, ApiClientSettings settings) {
        String prefix = "flywheel.security.api-keys." + name;
        if (settings.key().isPresent() == settings.keySha256().isPresent()) {
            throw new IllegalStateException(prefix + ": set exactly one of key and key-sha256");
        }
        if (settings.key().isPresent()) {
            String key = settings.key().get();
            if (key.length() < MIN_KEY_LENGTH || !key.strip().equals(key)) {
                throw new IllegalStateException(prefix + ".key: must be at least " + MIN_KEY_LENGTH
                        + " characters without surrounding blanks (the key itself is not shown)");
            }
            return sha256(key);
        }
        String hex = settings.keySha256().get();
        if (!hex.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalStateException(prefix + ".key-sha256: must be 64 hex digits (a SHA-256 digest)");
        }
        return HexFormat.of().parseHex(hex);
    }

    private static Set<String> rolesOf(String name, List<String> roles) {
        if (roles.isEmpty()) {
            throw new IllegalStateException("flywheel.security.api-keys." + name + ".roles: at least one of "
                    + Roles.ALL + " is needed");
        }
        Set<String> checked = new LinkedHashSet<>();
        for (String role : roles) {
            String trimmed = role.strip();
            if (!Roles.ALL.contains(trimmed)) {
                throw new IllegalStateException("flywheel.security.api-keys." + name + ".roles: '" + trimmed
                        + "' is not a role; the roles are " + Roles.ALL);
            }
            checked.add(trimmed);
        }
        return Set.copyOf(checked);
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
