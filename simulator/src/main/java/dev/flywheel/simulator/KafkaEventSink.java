package dev.flywheel.simulator;

import java.io.IOException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import dev.flywheel.contracts.Topic;

/**
 * Produces transactions and labels to the pipeline's raw topics, keyed by {@code transaction_id},
 * the value a {@link WireFormat} JSON object. Sends are asynchronous; the first failed send is
 * reported by the next {@link #write} or by {@link #close}, which flushes.
 */
public final class KafkaEventSink implements EventSink {

    private final Producer<String, String> producer;
    private final String eventsTopic;
    private final String labelsTopic;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    KafkaEventSink(Producer<String, String> producer, String eventsTopic, String labelsTopic) {
        this.producer = producer;
        this.eventsTopic = eventsTopic;
        this.labelsTopic = labelsTopic;
    }

    /** A sink with its own producer; serializers come from the events topic's descriptor. */
    public static KafkaEventSink connect(String bootstrapServers, Topic<String, String> events,
                                         Topic<String, String> labels) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "flywheel-simulator");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // Bulk loads send far more than a record per millisecond: let batches fill a little.
        props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(64 * 1024));
        var producer = new KafkaProducer<>(props, events.keySerde().serializer(), events.valueSerde().serializer());
        return new KafkaEventSink(producer, events.name(), labels.name());
    }

    @Override
    public void write(SimEvent event) throws IOException {
        throwIfFailed();
        String topic = event instanceof CardTransaction ? eventsTopic : labelsTopic;
        producer.send(new ProducerRecord<>(topic, event.transactionId(), WireFormat.json(event)), (metadata, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
    }

    @Override
    public void close() throws IOException {
        try {
            producer.flush();
        } finally {
            producer.close();
        }
        throwIfFailed();
    }

    private void throwIfFailed() throws IOException {
        Exception e = failure.get();
        if (e != null) {
            throw new IOException("producing to Kafka failed", e);
        }
    }
}
