package dev.flywheel.kafka.local;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} the test JVM's one Kafka broker ({@link KafkaBroker#shared()}): started by the first
 * test class that needs it, reused by every later class and test profile, stopped when the JVM exits.
 *
 * <p>Produces the config {@code kafka.bootstrap.servers} (SmallRye Reactive Messaging, plain clients) and, where
 * Kafka Streams is on the class path, {@code quarkus.kafka-streams.bootstrap-servers}. Optional init args create topics first, which Kafka Streams
 * needs since it never creates its source topics:
 *
 * <pre>{@code
 * @QuarkusTestResource(value = KafkaBrokerTestResource.class, initArgs = {
 *         @ResourceArg(name = KafkaBrokerTestResource.TOPICS, value = "events-ingested,features-computed"),
 *         @ResourceArg(name = KafkaBrokerTestResource.PARTITIONS, value = "3")})
 * }</pre>
 */
public class KafkaBrokerTestResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg: comma-separated topic names to create before the application starts. */
    public static final String TOPICS = "topics";
    /** Init arg: partitions for those topics; default 1. */
    public static final String PARTITIONS = "partitions";

    private List<String> topics = List.of();
    private int partitions = 1;

    @Override
    public void init(Map<String, String> initArgs) {
        topics = Arrays.stream(initArgs.getOrDefault(TOPICS, "").split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .toList();
        partitions = Integer.parseInt(initArgs.getOrDefault(PARTITIONS, "1").trim());
    }

    @Override
    public Map<String, String> start() {
        String bootstrap = KafkaBroker.shared().bootstrapServers();
        KafkaTopics.create(bootstrap, topics, partitions);
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", bootstrap);
        // Only where Kafka Streams is present: elsewhere Quarkus warns about an unknown key.
        if (onClassPath("org.apache.kafka.streams.KafkaStreams")) {
            config.put("quarkus.kafka-streams.bootstrap-servers", bootstrap);
        }
        return config;
    }

    private static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, KafkaBrokerTestResource.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Override
    public void stop() {
        // Nothing: the broker serves every test class of this JVM; the shutdown hook of KafkaBroker.shared() ends it.
    }
}
