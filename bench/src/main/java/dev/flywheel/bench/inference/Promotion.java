package dev.flywheel.bench.inference;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.ModelLifecycleEvent;
import dev.flywheel.contracts.event.ModelPromoted;
import dev.flywheel.model.RegistryLayout;

/** Publishes a {@link ModelPromoted} of a registry version on {@code flywheel.models}, as training does. */
record Promotion(String bootstrap, Path registry, String pipeline, String version, String previous) {

    String publish() throws Exception {
        Topic<String, ModelLifecycleEvent> models = Topics.models();
        ModelPromoted promoted = new ModelPromoted("bench-promotion-" + version + "-" + System.nanoTime(),
                ModelPromoted.SCHEMA_VERSION, pipeline, version, previous,
                RegistryLayout.versionDir(registry, pipeline, version).toUri().toString(), "bench", Instant.now());
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            byte[] key = models.keySerde().serializer().serialize(models.name(), pipeline);
            byte[] value = models.valueSerde().serializer().serialize(models.name(), promoted);
            producer.send(new ProducerRecord<>(models.name(), key, value)).get(30, TimeUnit.SECONDS);
        }
        return "promoted version=" + version + " at_ms=" + System.currentTimeMillis();
    }
}
