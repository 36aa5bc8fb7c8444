package dev.flywheel.bench.feature;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.TopicProvisioner;
import dev.flywheel.contracts.Topics;

/**
 * Creates, on a fresh broker, the topics the feature service would create at start (the platform's and the
 * pipeline's, with the services' default partition count) and the ceiling's topic with as many partitions as the
 * pipeline's events topic, so the events topic can be filled before the service runs.
 */
record FeatureBenchTopics(String bootstrap, String pipeline, int partitions, String ceilingTopic) {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    void create() throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<Topic<?, ?>> wanted = new ArrayList<>(Topics.platform());
            wanted.addAll(Topics.forPipeline(pipeline));
            new TopicProvisioner(admin, partitions, TIMEOUT).ensure(wanted);
            admin.createTopics(List.of(new NewTopic(ceilingTopic, partitions, (short) 1))).all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
