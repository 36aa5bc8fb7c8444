package dev.flywheel.monitor.outcome;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.jboss.logging.Logger;

import dev.flywheel.runtime.DeadLetterPublisher;
import io.quarkus.arc.Arc;

/**
 * Sends a record the outcome join cannot read (garbage on a predictions or labels topic) to the dead-letter topic
 * and lets the task go on with the next record; if the dead letter cannot be written the task fails instead, so no
 * record is dropped unseen. Configured as {@code kafka-streams.deserialization.exception.handler}; Kafka Streams makes
 * the handler itself, so the service's {@link DeadLetterPublisher} is looked up in the container.
 *
 * <p>Under {@code exactly_once_v2} the dead letter is written outside the task's transaction: an aborted transaction
 * reads the record again and dead-letters it again (at least once, never lost).
 */
public class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = Logger.getLogger(DeadLetterDeserializationHandler.class);

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                                 Exception exception) {
        String reason = "the outcome join cannot read it: " + (exception.getMessage() != null ? exception.getMessage()
                : exception.getClass().getName());
        try {
            DeadLetterPublisher deadLetters = Arc.container().instance(DeadLetterPublisher.class).get();
            deadLetters.send(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                    record.headers(), reason).toCompletableFuture().get(30, TimeUnit.SECONDS);
            return DeserializationHandlerResponse.CONTINUE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeserializationHandlerResponse.FAIL;
        } catch (Exception e) {
            LOG.errorf(e, "cannot dead-letter %s-%d@%d (%s); the task fails and reads it again", record.topic(),
                    record.partition(), record.offset(), reason);
            return DeserializationHandlerResponse.FAIL;
        }
    }
}
