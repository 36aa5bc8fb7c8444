package dev.flywheel.kafka.local;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A broker in a Testcontainers {@code apache/kafka} container, used only where a Docker engine answers. This
 * class is loaded only after {@link DockerEndpoint} found an endpoint, so machines without Docker never touch
 * Testcontainers.
 */
final class ContainerKafkaBroker implements KafkaBroker {

    /** The same Kafka release as the server jars the child-JVM broker runs. */
    static final DockerImageName IMAGE = DockerImageName.parse("apache/kafka:4.1.2");

    private static final Logger LOG = LoggerFactory.getLogger(ContainerKafkaBroker.class);

    private final KafkaContainer container;

    private ContainerKafkaBroker(KafkaContainer container) {
        this.container = container;
    }

    /** Starts a container if the Docker engine answers; empty if it does not. */
    static Optional<KafkaBroker> startIfDockerAnswers() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            LOG.info("A Docker endpoint exists but no engine answers; using the child-JVM broker");
            return Optional.empty();
        }
        long started = System.nanoTime();
        KafkaContainer container = new KafkaContainer(IMAGE);
        container.start();
        LOG.info("Kafka container {} ready at {} in {} ms", IMAGE, container.getBootstrapServers(),
                (System.nanoTime() - started) / 1_000_000);
        return Optional.of(new ContainerKafkaBroker(container));
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }

    @Override
    public String toString() {
        return "Kafka container " + IMAGE + " at " + bootstrapServers();
    }
}
