package dev.flywheel.feature.streams;

import java.util.Map;

import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Sends the record whose processing threw to the dead-letter topic and lets the task go on with the next record.
 * The dead letter holds the bytes the task read (for a step after a repartition, the repartition topic's record, and
 * the headers name that topic), and names the processor that threw. If the dead letter cannot be written the task
 * fails instead, so the record is read again after the restart. Configured as
 * {@code kafka-streams.processing.exception.handler}.
 *
 * <p>What a processor forwarded before it threw stays forwarded (it is part of the task's output as usual); the
 * dead letter is the whole input record.
 */
public class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private DeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        this.deadLetters = DeadLetters.from(configs);
    }

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        var origin = new DeadLetters.Origin(context.topic(), context.partition(), context.offset(),
                context.sourceRawKey(), context.sourceRawValue(), context.headers(), context.processorNodeId());
        return deadLetters.send(origin, exception) ? ProcessingHandlerResponse.CONTINUE
                : ProcessingHandlerResponse.FAIL;
    }
}
