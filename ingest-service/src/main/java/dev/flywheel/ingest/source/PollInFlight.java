package dev.flywheel.ingest.source;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * One poll of the raw topics whose verdicts were handed to the producer.
 *
 * @param nextOffsets per partition, the offset after the poll's last record: what to commit once {@code acknowledged}
 * @param acknowledged completes when the broker acknowledged every verdict of the poll, exceptionally when one failed
 */
record PollInFlight(Map<TopicPartition, OffsetAndMetadata> nextOffsets, CompletableFuture<Void> acknowledged) {

    boolean succeeded() {
        return acknowledged.isDone() && !acknowledged.isCompletedExceptionally();
    }

    boolean failed() {
        return acknowledged.isCompletedExceptionally();
    }
}
