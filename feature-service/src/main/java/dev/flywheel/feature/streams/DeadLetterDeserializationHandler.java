package dev.flywheel.feature.streams;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Sends a record no serde of the topology can read (garbage bytes, JSON that is not the topic's event, an event
 * lacking a required field) to the dead-letter topic and lets the task go on with the next record. If the dead
 * letter cannot be written the task fails instead, so no record is dropped unseen: it is read again after the
 * restart. Configured as {@code kafka-streams.deserialization.exception.handler}.
 */
public class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private DeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        this.deadLetters = DeadLetters.from(configs);
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                                 Exception exception) {
        var origin = new DeadLetters.Origin(record.topic(), record.partition(), record.offset(), record.key(),
                record.value(), record.headers(), null);
        return deadLetters.send(origin, exception) ? DeserializationHandlerResponse.CONTINUE
                : DeserializationHandlerResponse.FAIL;
    }
}
