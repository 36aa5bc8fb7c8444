package dev.flywheel.kafka.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the one broker of a test JVM behind {@link KafkaBroker#shared()}.
 *
 * <p>Quarkus loads test dependencies again for each test profile, so this class's static field exists once per
 * class loader. The address of the first broker is therefore also published as the system property
 * {@value #ADDRESS_PROPERTY}, which every class loader sees: later ones reuse that broker instead of starting
 * another.
 */
final class SharedKafkaBroker {

    // Outside the "flywheel." prefix: services map that prefix strictly and would refuse an unknown key.
    static final String ADDRESS_PROPERTY = "kafka-local.bootstrap.servers";

    private static final Logger LOG = LoggerFactory.getLogger(SharedKafkaBroker.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private static KafkaBroker broker;

    private SharedKafkaBroker() {
    }

    static synchronized KafkaBroker get() {
        if (broker == null) {
            broker = choose();
            LOG.info("Shared broker for this JVM: {}", broker);
        }
        return broker;
    }

    private static KafkaBroker choose() {
        String external = System.getenv(KafkaBroker.BOOTSTRAP_ENV);
        if (external != null && !external.isBlank()) {
            return new ExternalKafkaBroker(external.trim(), KafkaBroker.BOOTSTRAP_ENV);
        }
        String published = System.getProperty(ADDRESS_PROPERTY);
        if (published != null && !published.isBlank()) {
            return new ExternalKafkaBroker(published.trim(), "system property " + ADDRESS_PROPERTY);
        }
        KafkaBroker started = start();
        Runtime.getRuntime().addShutdownHook(new Thread(started::close, "flywheel-kafka-stop"));
        System.setProperty(ADDRESS_PROPERTY, started.bootstrapServers());
        return started;
    }

    private static KafkaBroker start() {
        if (DockerEndpoint.present()) {
            var container = ContainerKafkaBroker.startIfDockerAnswers();
            if (container.isPresent()) {
                return container.get();
            }
        }
        BrokerOptions options = BrokerOptions.defaults().withStartupTimeout(STARTUP_TIMEOUT);
        // Under Maven the working directory is the module's: keep the broker's output beside the test reports.
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            options = options.withLogFile(target.resolve("kafka-broker.log").toAbsolutePath());
        }
        return LocalKafkaBroker.start(options);
    }
}
