package dev.flywheel.loop;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import dev.flywheel.contracts.Topics;
import dev.flywheel.simulator.EventSink;
import dev.flywheel.simulator.KafkaEventSink;
import dev.flywheel.simulator.Pacer;
import dev.flywheel.simulator.ProgressReporter;
import dev.flywheel.simulator.SimEvent;
import dev.flywheel.simulator.Simulation;
import dev.flywheel.simulator.SimulationConfig;
import dev.flywheel.simulator.SimulationRun;

/**
 * The simulator producing to the pipeline's raw topics in the background at a fixed rate, noting
 * the wall-clock moment its stream crosses into the day the new fraud pattern starts.
 */
final class Feed implements AutoCloseable {

    private final Thread thread;
    private final CompletableFuture<SimulationRun.Summary> done = new CompletableFuture<>();
    private final AtomicReference<Instant> switchedAt = new AtomicReference<>();
    private final Instant switchEventTime;

    private Feed(String bootstrap, String pipeline, SimulationConfig config, double eventsPerSecond) {
        this.switchEventTime = config.start().plus(Duration.ofDays(config.newFraudPattern().startDay()));
        Simulation simulation = new Simulation(config);
        this.thread = new Thread(() -> {
            try (EventSink kafka = KafkaEventSink.connect(bootstrap, Topics.rawEvents(pipeline),
                    Topics.rawLabels(pipeline)); EventSink watched = watching(kafka)) {
                var progress = new ProgressReporter(config.start(), simulation.endOf(config.days()),
                        Duration.ofSeconds(10));
                done.complete(new SimulationRun(Pacer.atRate(eventsPerSecond), progress)
                        .run(simulation.events(), watched));
            } catch (IOException | RuntimeException e) {
                done.completeExceptionally(e);
            } catch (InterruptedException e) {
                done.cancel(false);
            }
        }, "simulator-feed");
        thread.setDaemon(true);
    }

    static Feed start(String bootstrap, String pipeline, SimulationConfig config, double eventsPerSecond) {
        Feed feed = new Feed(bootstrap, pipeline, config, eventsPerSecond);
        feed.thread.start();
        return feed;
    }

    /** Event time of the first day of the new fraud pattern. */
    Instant switchEventTime() {
        return switchEventTime;
    }

    /** Wall-clock time the first event of the switch day was produced, once it was. */
    Instant switchedAt() {
        return switchedAt.get();
    }

    CompletableFuture<SimulationRun.Summary> done() {
        return done;
    }

    private EventSink watching(EventSink sink) {
        return new EventSink() {
            @Override
            public void write(SimEvent event) throws IOException {
                if (switchedAt.get() == null && !event.time().isBefore(switchEventTime)) {
                    switchedAt.compareAndSet(null, Instant.now());
                }
                sink.write(event);
            }

            @Override
            public void close() {
                // The Kafka sink is closed by its own try-with-resources.
            }
        };
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(Duration.ofSeconds(30).toMillis());
    }
}
