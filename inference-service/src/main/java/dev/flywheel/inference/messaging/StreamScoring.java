package dev.flywheel.inference.messaging;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.flywheel.inference.config.InferenceConfig;
import dev.flywheel.runtime.KafkaClientConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Runs this instance's {@link StreamScoringLoop} from start to shutdown: every pipeline's
 * {@code flywheel.<p>.features} in, its {@code flywheel.<p>.predictions} out, exactly once, in the consumer group
 * {@value #GROUP} shared by all instances.
 */
@Singleton
public class StreamScoring {

    private static final Logger LOG = Logger.getLogger(StreamScoring.class);
    /** Shared by the fleet: each vector is scored by one instance. */
    public static final String GROUP = "inference-service";
    /** Every pipeline's features topic, those added later included (found within the consumer's metadata age). */
    public static final Pattern FEATURE_TOPICS = Pattern.compile("flywheel\\.[a-z0-9-]+\\.features");

    private final InferenceConfig config;
    private final FeatureStreamScorer scorer;
    private final MeterRegistry meters;
    private volatile StreamScoringLoop loop;

    private final ModelsLogProgress models;

    public StreamScoring(InferenceConfig config, FeatureStreamScorer scorer, MeterRegistry meters,
                         ModelsLogProgress models) {
        this.config = config;
        this.scorer = scorer;
        this.meters = meters;
        this.models = models;
    }

    /** After TopicBootstrap (priority 1) created the topics. */
    void onStart(@Observes @Priority(5) StartupEvent start,
                 @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        InferenceConfig.Stream stream = config.stream();
        if (!stream.enabled()) {
            LOG.info("stream scoring is off (flywheel.inference.stream.enabled=false)");
            return;
        }
        String transactionalId = stream.transactionalId().orElseGet(() -> "inference-stream-" + UUID.randomUUID());
        loop = new StreamScoringLoop(KafkaClientConfig.connection(kafka), new StreamScoringLoop.Settings(GROUP,
                FEATURE_TOPICS, transactionalId, stream.transactionTimeout(), stream.maxPollRecords()), scorer, meters);
        // Not before the models promoted so far are loaded: a vector read while no model serves its pipeline is
        // consumed unscored, which is right for a pipeline without a model, not for one whose model is loading.
        loop.startWhen(models::caughtUp);
    }

    void onStop(@Observes ShutdownEvent stop) throws InterruptedException {
        StreamScoringLoop running = loop;
        if (running != null) {
            running.close();
        }
    }

    /** The loop's state ({@code off} when disabled); see {@link StreamScoringLoop#state()}. */
    public String state() {
        StreamScoringLoop running = loop;
        return running == null ? "off" : running.state();
    }
}
