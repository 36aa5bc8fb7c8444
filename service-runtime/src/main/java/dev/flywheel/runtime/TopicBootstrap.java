package dev.flywheel.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.admin.Admin;
import org.jboss.logging.Logger;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.TopicProvisioner;
import dev.flywheel.contracts.Topics;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;

/**
 * Creates the platform's topics and those of every loaded pipeline when the service starts, so
 * any service can be started first and Kafka Streams finds its source topics.
 */
@Singleton
public class TopicBootstrap {

    private static final Logger LOG = Logger.getLogger(TopicBootstrap.class);

    /** Runs before the messaging connectors and Kafka Streams start (they observe later). */
    void onStart(@Observes @Priority(1) StartupEvent start, PlatformConfig config, PipelineCatalog catalog,
                 @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        if (!config.topics().provision()) {
            return;
        }
        List<Topic<?, ?>> wanted = new ArrayList<>(Topics.platform());
        catalog.all().forEach(spec -> wanted.addAll(Topics.forPipeline(spec.name())));
        try (Admin admin = Admin.create(KafkaClientConfig.connection(kafka))) {
            List<String> created = new TopicProvisioner(admin, config.topics().partitions(), config.topics().timeout())
                    .ensure(wanted);
            LOG.infof("topics ready: %d wanted, %d created", wanted.size(), created.size());
        }
    }
}
