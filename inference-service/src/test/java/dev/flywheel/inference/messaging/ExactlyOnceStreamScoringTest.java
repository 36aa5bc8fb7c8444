package dev.flywheel.inference.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.event.PredictionMade;

/**
 * Exactly-once stream scoring on the real broker ({@link StreamScoringRig}): a scoring process that dies between
 * sending a poll's predictions and committing them leaves no trace a {@code read_committed} reader sees, and the
 * process that takes over scores what the dead one had not committed, once; a restart continues from the committed
 * offsets; and an instance that lost its partitions mid-transaction (a zombie) cannot commit it.
 */
class ExactlyOnceStreamScoringTest {

    private static final int VECTORS = 300;

    @Test
    void aScorerThatDiesBetweenSendAndCommitLeavesExactlyOneCommittedPredictionPerVector() throws Exception {
        try (StreamScoringRig rig = new StreamScoringRig()) {
            // Given a backlog of vectors, and a scorer whose process dies in its third transaction, after that
            // transaction's predictions reached the broker and before its offsets and commit did
            rig.serve("1");
            rig.produce(0, VECTORS);
            String transactionalId = "eos-test-" + UUID.randomUUID();
            DyingProducer.Plan dies = new DyingProducer.Plan(3);
            // A long transaction timeout: only the restart below can end the dead process's transaction in time.
            StreamScoringLoop first = rig.start(transactionalId, Duration.ofMinutes(5), 50, dies::producer);
            await().atMost(StreamScoringRig.WAIT).until(() -> first.state().equals("failed"));
            int uncommitted = dies.sentInLastTransaction.get();
            assertThat(uncommitted).as("predictions of the transaction that never committed").isPositive();
            assertThat(rig.lag()).as("vectors not committed when the scorer died").isPositive();

            // When the scorer restarts under the same transactional id
            StreamScoringLoop second = rig.start(transactionalId, Duration.ofMinutes(5), 50);
            rig.awaitAllCommitted();

            // Then a read_committed reader sees exactly one prediction per vector: none lost, none twice
            List<PredictionMade> committed = rig.predictions("read_committed");
            Map<String, Long> perVector = committed.stream()
                    .collect(Collectors.groupingBy(PredictionMade::sourceEventId, Collectors.counting()));
            assertThat(perVector).hasSize(VECTORS);
            assertThat(perVector.values()).containsOnly(1L);
            // while a read_uncommitted reader also sees the dead transaction's predictions, aborted by the restart
            List<PredictionMade> all = rig.predictions("read_uncommitted");
            assertThat(all).hasSize(VECTORS + uncommitted);
            assertThat(second.state()).isEqualTo("running");
        }
    }

    @Test
    void aScorerStartingBeforeItsModelIsLoadedReadsNothingUntilThenAndScoresEveryVector() throws Exception {
        try (StreamScoringRig rig = new StreamScoringRig()) {
            // Given a backlog of vectors, and a scorer started (after a kill -9) while its model is still loading
            rig.produce(0, 100);
            AtomicBoolean modelLoaded = new AtomicBoolean();
            StreamScoringLoop loop = rig.startWhen(modelLoaded::get, "eos-test-" + UUID.randomUUID());

            // Then it consumes nothing meanwhile: a vector read now would be skipped as no_model, never scored
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> rig.lag() == 100);
            assertThat(loop.state()).isEqualTo("starting");

            // When the model is loaded
            rig.serve("1");
            modelLoaded.set(true);
            rig.awaitAllCommitted();

            // Then every vector of the backlog has exactly one committed prediction
            Map<String, Long> perVector = rig.predictions("read_committed").stream()
                    .collect(Collectors.groupingBy(PredictionMade::sourceEventId, Collectors.counting()));
            assertThat(perVector).hasSize(100);
            assertThat(perVector.values()).containsOnly(1L);
        }
    }

    @Test
    void aRestartedScorerContinuesFromTheCommittedOffsets() throws Exception {
        try (StreamScoringRig rig = new StreamScoringRig()) {
            // Given a scorer with version 1 that scored 200 vectors and was stopped
            rig.serve("1");
            rig.produce(0, 200);
            StreamScoringLoop first = rig.start("eos-test-" + UUID.randomUUID(), Duration.ofSeconds(10), 50);
            rig.awaitAllCommitted();
            first.close();
            assertThat(first.state()).isEqualTo("stopped");

            // When 100 more vectors arrive and another scorer instance (its own transactional id) starts with version 2
            rig.produce(200, 300);
            rig.serve("2");
            rig.start("eos-test-" + UUID.randomUUID(), Duration.ofSeconds(10), 50);
            rig.awaitAllCommitted();

            // Then it scored only the 100 new vectors: the first 200 keep their version-1 prediction, nothing twice
            Map<String, List<String>> versions = rig.predictions("read_committed").stream()
                    .collect(Collectors.groupingBy(PredictionMade::sourceEventId,
                            Collectors.mapping(PredictionMade::modelVersion, Collectors.toList())));
            assertThat(versions).hasSize(300);
            for (int i = 0; i < 300; i++) {
                assertThat(versions.get("v-" + i)).as("versions that scored v-" + i).containsExactly(i < 200 ? "1" : "2");
            }
        }
    }

    @Test
    void aScorerThatLostItsPartitionsMidTransactionIsFencedByTheGroupAndItsPredictionsAborted() throws Exception {
        try (StreamScoringRig rig = new StreamScoringRig()) {
            // Given a scorer that stalls in its first transaction after sending its predictions, for longer than
            // its max.poll.interval.ms, so that the group drops it: a zombie
            rig.serve("1");
            rig.produce(0, VECTORS);
            StallingProducer.Plan stall = new StallingProducer.Plan();
            StreamScoringLoop zombie = rig.start("eos-test-" + UUID.randomUUID(), Duration.ofMinutes(5), 50,
                    stall::producer, Map.of(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 3_000));
            assertThat(stall.stalled.await(60, TimeUnit.SECONDS)).as("the zombie's transaction stalled").isTrue();
            int stalledPredictions = stall.sentInTransaction.get();

            // When another instance joins the group, takes every partition and scores the whole backlog, and only
            // then the zombie goes on to commit its transaction
            rig.start("eos-test-" + UUID.randomUUID(), Duration.ofSeconds(10), 50);
            rig.awaitAllCommitted();
            stall.release.countDown();

            // Then the broker refused the zombie's offsets (an old generation of the group), its transaction was
            // aborted, and read_committed shows one prediction per vector
            await().atMost(StreamScoringRig.WAIT).until(() -> rig.meters.counter("flywheel_inference_stream_transactions",
                    "outcome", "aborted").count() >= 1);
            assertThat(stall.refusal.get()).as("what the zombie's sendOffsetsToTransaction met").isNotNull();
            Map<String, Long> perVector = rig.predictions("read_committed").stream()
                    .collect(Collectors.groupingBy(PredictionMade::sourceEventId, Collectors.counting()));
            assertThat(perVector).hasSize(VECTORS);
            assertThat(perVector.values()).containsOnly(1L);
            assertThat(rig.predictions("read_uncommitted")).hasSize(VECTORS + stalledPredictions);
            assertThat(zombie.state()).isEqualTo("running");
        }
    }

    /** A producer that stalls before sending the offsets of its first transaction, until released. */
    static final class StallingProducer extends KafkaProducer<byte[], byte[]> {

        static final class Plan {
            final CountDownLatch stalled = new CountDownLatch(1);
            final CountDownLatch release = new CountDownLatch(1);
            final AtomicInteger sentInTransaction = new AtomicInteger();
            final AtomicReference<RuntimeException> refusal = new AtomicReference<>();
            private final AtomicBoolean done = new AtomicBoolean();

            Producer<byte[], byte[]> producer(Map<String, Object> config) {
                return new StallingProducer(config, this);
            }
        }

        private final Plan plan;

        private StallingProducer(Map<String, Object> config, Plan plan) {
            super(config, new ByteArraySerializer(), new ByteArraySerializer());
            this.plan = plan;
        }

        @Override
        public java.util.concurrent.Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
            if (!plan.done.get()) {
                plan.sentInTransaction.incrementAndGet();
            }
            return super.send(record);
        }

        @Override
        public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets,
                                             ConsumerGroupMetadata group) {
            if (plan.done.compareAndSet(false, true)) {
                flush();
                plan.stalled.countDown();
                try {
                    plan.release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                try {
                    super.sendOffsetsToTransaction(offsets, group);
                } catch (RuntimeException refused) {
                    plan.refusal.set(refused);
                    throw refused;
                }
                return;
            }
            super.sendOffsetsToTransaction(offsets, group);
        }

        @Override
        public void commitTransaction() {
            try {
                super.commitTransaction();
            } catch (RuntimeException refused) {
                plan.refusal.compareAndSet(null, refused);
                throw refused;
            }
        }
    }

    /** A producer whose process "dies" in a planned transaction: it flushes, then never sends offsets nor commits. */
    static final class DyingProducer extends KafkaProducer<byte[], byte[]> {

        /** Dies in the {@code transaction}-th transaction of the first producer it makes. */
        static final class Plan {
            private final int transaction;
            final AtomicInteger sentInLastTransaction = new AtomicInteger();

            Plan(int transaction) {
                this.transaction = transaction;
            }

            Producer<byte[], byte[]> producer(Map<String, Object> config) {
                return new DyingProducer(config, this);
            }
        }

        private final Plan plan;
        private int transactions;
        private boolean dead;

        private DyingProducer(Map<String, Object> config, Plan plan) {
            super(config, new ByteArraySerializer(), new ByteArraySerializer());
            this.plan = plan;
        }

        @Override
        public void beginTransaction() {
            transactions++;
            plan.sentInLastTransaction.set(0);
            super.beginTransaction();
        }

        @Override
        public java.util.concurrent.Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
            plan.sentInLastTransaction.incrementAndGet();
            return super.send(record);
        }

        @Override
        public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets,
                                             ConsumerGroupMetadata group) {
            if (transactions == plan.transaction) {
                // The predictions are on the broker, in a transaction nobody will commit or abort.
                flush();
                dead = true;
                throw new ProcessDied();
            }
            super.sendOffsetsToTransaction(offsets, group);
        }

        @Override
        public void close(Duration timeout) {
            // A dead process aborts nothing: close without waiting, which leaves the transaction open on the broker.
            super.close(dead ? Duration.ZERO : timeout);
        }
    }

    /** Not a Kafka error: the loop must not handle it by aborting, as a dead process cannot. */
    static final class ProcessDied extends RuntimeException {
        ProcessDied() {
            super("the scoring process died between send and commit (test fault)");
        }
    }
}
