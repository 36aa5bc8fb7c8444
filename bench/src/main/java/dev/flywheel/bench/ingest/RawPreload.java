package dev.flywheel.bench.ingest;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.flywheel.contracts.Topics;

/**
 * Fills a pipeline's raw events topic with {@code records} valid transactions, keyed by their id as a
 * client would, before the ingest service starts: the service then finds a backlog and the drain
 * measures how fast it validates, not how fast this producer writes.
 */
record RawPreload(String bootstrap, String pipeline, int records) {

    /** Sends and waits for every acknowledgement; fails naming the first error if any send failed. */
    void run(long seed) {
        CardFraudTransactions transactions = new CardFraudTransactions(seed);
        String topic = Topics.rawEvents(pipeline).name();
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 65_536);
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < records; i++) {
                CardFraudTransactions.Transaction tx = transactions.nextTransaction();
                producer.send(new ProducerRecord<>(topic, tx.id(), tx.json()), (metadata, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                        firstError.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + records + " raw events were not acknowledged",
                    firstError.get());
        }
    }
}
