package dev.flywheel.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.Topics;
import dev.flywheel.contracts.event.DriftDetected;
import dev.flywheel.contracts.event.ModelLifecycleEvent;
import dev.flywheel.contracts.event.ModelPromoted;
import dev.flywheel.contracts.event.ModelRegistered;
import dev.flywheel.contracts.json.Json;

/**
 * Tells what the running platform does, for the demo's console: every model registered and promoted,
 * every drift verdict (read from their topics as they happen), and every few seconds the live
 * quality of the served model (from the monitor). Runs until killed.
 *
 * <p>Usage: {@code LoopNarrator BOOTSTRAP PIPELINE MONITOR_URL}.
 */
public final class LoopNarrator {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final Duration QUALITY_EVERY = Duration.ofSeconds(15);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String pipeline;
    private final URI quality;

    private LoopNarrator(String pipeline, URI monitor) {
        this.pipeline = pipeline;
        this.quality = monitor.resolve("/v1/pipelines/" + pipeline + "/quality");
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: LoopNarrator BOOTSTRAP PIPELINE MONITOR_URL");
            System.exit(2);
        }
        new LoopNarrator(args[1], URI.create(args[2])).run(args[0]);
    }

    private void run(String bootstrap) {
        var models = Topics.models();
        var drift = Topics.drift();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "demo-narrator-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(models.name(), drift.name()));
            Instant nextQuality = Instant.now().plus(QUALITY_EVERY);
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (record.topic().equals(models.name())) {
                        tell(models.valueSerde().deserializer().deserialize(record.topic(), record.value()));
                    } else {
                        tell(drift.valueSerde().deserializer().deserialize(record.topic(), record.value()));
                    }
                }
                if (Instant.now().isAfter(nextQuality)) {
                    tellQuality();
                    nextQuality = Instant.now().plus(QUALITY_EVERY);
                }
            }
        }
    }

    private void tell(ModelLifecycleEvent event) {
        if (!event.pipeline().equals(pipeline)) {
            return;
        }
        if (event instanceof ModelRegistered registered) {
            say("model v%s trained (%s, trigger %s): %s", registered.modelVersion(), registered.candidate(),
                    registered.trigger(), figures(registered.metrics()));
        } else if (event instanceof ModelPromoted promoted) {
            say("model v%s PROMOTED, inference swaps to it: %s", promoted.modelVersion(), promoted.reason());
        }
    }

    private void tell(DriftDetected drift) {
        if (drift.pipeline().equals(pipeline)) {
            // Whether it retrains is the spec's retraining policy (the demo's: accuracy drops only), which training applies.
            say("DRIFT (%s) on v%s: %s %.3f crossed %.3f%s; training retrains if the spec's retraining policy covers it",
                    drift.kind(), drift.modelVersion(), drift.metric(), drift.observed(), drift.threshold(),
                    drift.baseline() == null ? "" : " (baseline %.3f)".formatted(drift.baseline()));
        }
    }

    /** The served version's live figures; silent while the monitor has nothing to say yet. */
    private void tellQuality() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(quality).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return;
            }
            for (JsonNode version : Json.mapper().readTree(response.body()).path("versions")) {
                if (version.path("served").asBoolean()) {
                    say("live: v%s over its latest %d outcomes (%d frauds): %s", version.path("modelVersion").asText(),
                            version.path("outcomes").asLong(), version.path("positives").asLong(),
                            version.path("metrics").toString());
                }
            }
        } catch (IOException unreachable) {
            // The monitor is starting or stopping; the next round will tell.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String figures(Map<String, Double> metrics) {
        StringBuilder text = new StringBuilder();
        metrics.forEach((name, value) -> text.append(text.length() == 0 ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.3f", name, value)));
        return text.toString();
    }

    private static void say(String format, Object... args) {
        System.out.println(LocalTime.now(ZoneId.systemDefault()).format(CLOCK) + " loop: "
                + String.format(Locale.ROOT, format, args));
    }
}
