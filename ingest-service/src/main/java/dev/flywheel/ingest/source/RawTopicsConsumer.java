package dev.flywheel.ingest.source;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.ingest.Ingestion;
import dev.flywheel.runtime.PipelineCatalog;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Validates what any Kafka client (Java, kcat, Python) produced to a pipeline's raw topics,
 * exactly like HTTP input: valid records go on to the events/labels topics, invalid ones to the
 * rejected topic.
 *
 * <p>The channels subscribe by pattern ({@code flywheel.*.events.raw}), so one consumer serves
 * every pipeline and their names cannot match a single topic name. A record is acknowledged (its
 * offset committed) only after its verdict was published: a crash re-reads it rather than loses
 * it, and the duplicate carries the same event id for consumers to drop. A record whose topic
 * names no known pipeline cannot be judged and goes to the dead-letter topic.
 */
@ApplicationScoped
public class RawTopicsConsumer {

    private static final Logger LOG = Logger.getLogger(RawTopicsConsumer.class);
    private static final Pattern RAW_TOPIC = Pattern.compile("flywheel\\.([a-z0-9][a-z0-9-]*)\\.(events|labels)\\.raw");

    private final PipelineCatalog catalog;
    private final Ingestion ingestion;

    public RawTopicsConsumer(PipelineCatalog catalog, Ingestion ingestion) {
        this.catalog = catalog;
        this.ingestion = ingestion;
    }

    @Incoming("raw-events")
    public CompletionStage<Void> onRawEvent(Message<String> record) {
        return pipelineOf(record)
                .map(spec -> ingestion.event(spec, record.getPayload(), "kafka").thenCompose(verdict -> record.ack()))
                .orElseGet(() -> record.nack(new UnknownPipeline(topicOf(record))));
    }

    @Incoming("raw-labels")
    public CompletionStage<Void> onRawLabel(Message<String> record) {
        return pipelineOf(record)
                .map(spec -> ingestion.label(spec, record.getPayload(), "kafka").thenCompose(verdict -> record.ack()))
                .orElseGet(() -> record.nack(new UnknownPipeline(topicOf(record))));
    }

    private Optional<PipelineSpec> pipelineOf(Message<String> record) {
        Matcher matcher = RAW_TOPIC.matcher(topicOf(record));
        Optional<PipelineSpec> spec = matcher.matches() ? catalog.find(matcher.group(1)) : Optional.empty();
        if (spec.isEmpty()) {
            LOG.warnf("record on %s names no loaded pipeline; sent to the dead-letter topic", topicOf(record));
        }
        return spec;
    }

    private static String topicOf(Message<String> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getTopic)
                .orElse("?");
    }

    /** The raw topic's name does not match a loaded pipeline spec. */
    static final class UnknownPipeline extends RuntimeException {
        UnknownPipeline(String topic) {
            super("no pipeline spec for topic " + topic, null, false, false);
        }
    }
}
