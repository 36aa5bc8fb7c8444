package dev.flywheel.kafka.local;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Arrays;
import java.util.List;

/**
 * The broker JVM's class path: the jars Maven resolved for this module when it was built (the resource
 * {@value #RESOURCE}, written by {@code maven-dependency-plugin:build-classpath}), then this module's own classes
 * for {@link BrokerMain}.
 */
final class BrokerClassPath {

    static final String RESOURCE = "broker.classpath";

    private BrokerClassPath() {
    }

    static String resolve() {
        List<String> jars = recordedJars();
        List<String> missing = jars.stream().filter(jar -> !Files.exists(Path.of(jar))).toList();
        if (!missing.isEmpty()) {
            throw new BrokerStartException("The broker's class path names " + missing.size()
                    + " file(s) that do not exist, first " + missing.get(0)
                    + "; rebuild kafka-local (./mvnw install -pl kafka-local) on this machine");
        }
        return ownClasses() + File.pathSeparator + String.join(File.pathSeparator, jars);
    }

    static List<String> recordedJars() {
        try (InputStream in = LocalKafkaBroker.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new BrokerStartException("Resource " + RESOURCE + " is missing next to "
                        + LocalKafkaBroker.class.getName() + "; build kafka-local with Maven, not the IDE alone");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return Arrays.stream(text.split(File.pathSeparator)).filter(entry -> !entry.isBlank()).toList();
        } catch (IOException e) {
            throw new BrokerStartException("Could not read " + RESOURCE, e);
        }
    }

    /** The jar or class directory this module was loaded from, which also holds {@link BrokerMain}. */
    static Path ownClasses() {
        CodeSource source = LocalKafkaBroker.class.getProtectionDomain().getCodeSource();
        try {
            if (source != null && source.getLocation() != null && "file".equals(source.getLocation().getProtocol())) {
                return Path.of(source.getLocation().toURI());
            }
            // Some class loaders give no code source; the class file's own URL says where it came from.
            URL classFile = LocalKafkaBroker.class.getResource(LocalKafkaBroker.class.getSimpleName() + ".class");
            if (classFile == null) {
                throw new BrokerStartException("Cannot locate the classes of " + LocalKafkaBroker.class.getName());
            }
            String url = classFile.toString();
            if (url.startsWith("jar:")) {
                return Path.of(new URI(url.substring("jar:".length(), url.indexOf("!/"))));
            }
            String suffix = LocalKafkaBroker.class.getName().replace('.', '/') + ".class";
            return Path.of(new URI(url.substring(0, url.length() - suffix.length())));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new BrokerStartException("Cannot locate the classes of " + LocalKafkaBroker.class.getName(), e);
        }
    }
}
