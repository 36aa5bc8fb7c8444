package dev.flywheel.bench.ingest;

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
import org.apache.kafka.clients.admin.TopicDescription;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.TopicProvisioner;
import dev.flywheel.contracts.Topics;

/**
 * Creates, on a fresh broker, the topics the ingest service would create at start (the platform's and the
 * pipeline's, with the service's default partition count) and the ceiling's topic with as many partitions
 * as the pipeline's events topic. Creating them before the service starts lets the benchmark fill the raw
 * topic while nothing consumes it yet.
 */
record BenchTopics(String bootstrap, String pipeline, int partitions, String ceilingTopic) {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Creates what is missing; returns the ceiling topic's partition count. */
    int create() throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<Topic<?, ?>> wanted = new ArrayList<>(Topics.platform());
            wanted.addAll(Topics.forPipeline(pipeline));
            new TopicProvisioner(admin, partitions, TIMEOUT).ensure(wanted);

            String events = Topics.events(pipeline).name();
            TopicDescription description = admin.describeTopics(List.of(events)).allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(events);
            int eventPartitions = description.partitions().size();
            admin.createTopics(List.of(new NewTopic(ceilingTopic, eventPartitions, (short) 1))).all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return eventPartitions;
        }
    }
}
