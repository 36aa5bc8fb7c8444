package dev.flywheel.kafka.local;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates topics for tests through the Admin API. Idempotent: a topic that already exists is left as it is, its
 * partition count included. Returns once every partition of every topic has a leader, so a producer that starts
 * right after sees no "unknown topic" warnings.
 */
public final class KafkaTopics {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration LEADER_POLL = Duration.ofMillis(50);

    private KafkaTopics() {
    }

    /** {@link #create(String, Collection, int, Duration)} with {@link #DEFAULT_TIMEOUT}. */
    public static void create(String bootstrapServers, Collection<String> names, int partitions) {
        create(bootstrapServers, names, partitions, DEFAULT_TIMEOUT);
    }

    /**
     * Creates each topic with {@code partitions} partitions and the broker's default replication factor.
     *
     * @throws IllegalStateException if the broker refuses a topic or does not answer within {@code timeout}
     */
    public static void create(String bootstrapServers, Collection<String> names, int partitions, Duration timeout) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        if (names.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "flywheel-kafka-topics",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs))) {
            List<NewTopic> topics = names.stream()
                    .distinct()
                    .map(name -> new NewTopic(name, Optional.of(partitions), Optional.empty()))
                    .toList();
            for (Map.Entry<String, KafkaFuture<Void>> created : admin.createTopics(topics).values().entrySet()) {
                try {
                    created.getValue().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topic " + created.getKey()
                                + " on " + bootstrapServers + ": " + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            awaitLeaders(admin, names, deadline);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Topics " + names + " not ready on " + bootstrapServers
                    + " within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics " + names, e);
        }
    }

    private static void awaitLeaders(Admin admin, Collection<String> names, long deadline)
            throws InterruptedException, TimeoutException {
        while (true) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(names)
                        .allTopicNames().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
                boolean allLed = described.values().stream()
                        .flatMap(topic -> topic.partitions().stream())
                        .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
                if (allLed) {
                    return;
                }
            } catch (ExecutionException e) {
                // metadata not propagated yet: ask again
            }
            if (remainingMillis(deadline) <= LEADER_POLL.toMillis()) {
                throw new TimeoutException("partitions of " + names + " have no leader yet");
            }
            TimeUnit.MILLISECONDS.sleep(LEADER_POLL.toMillis());
        }
    }

    private static long remainingMillis(long deadline) throws TimeoutException {
        long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remaining <= 0) {
            throw new TimeoutException("deadline passed");
        }
        return remaining;
    }
}
