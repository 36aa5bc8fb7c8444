package dev.flywheel.contracts;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics a service needs before it reads or writes them. Kafka Streams never creates
 * its source topics, and relying on broker auto-creation would give topics the wrong retention.
 * Creating a topic that exists is not an error, so every service may provision the same set.
 */
public final class TopicProvisioner {

    private final Admin admin;
    private final int partitions;
    private final Duration timeout;

    public TopicProvisioner(Admin admin, int partitions, Duration timeout) {
        this.admin = admin;
        this.partitions = partitions;
        this.timeout = timeout;
    }

    /** Creates the missing ones among {@code topics}; returns the names it created. */
    public List<String> ensure(Collection<Topic<?, ?>> topics) {
        try {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), partitions, (short) 1).configs(t.configs()))
                    .toList();
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                awaitCreated(entry.getKey(), entry.getValue());
            }
            return missing.stream().map(NewTopic::name).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list or create topics within " + timeout + ": " + e.getMessage(), e);
        }
    }

    private void awaitCreated(String name, org.apache.kafka.common.KafkaFuture<Void> creation)
            throws InterruptedException, TimeoutException {
        try {
            creation.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // Another service created it between our listing and our request: that is the goal.
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e);
            }
        }
    }
}
