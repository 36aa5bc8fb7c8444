package dev.flywheel.ingest.source;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.contracts.spec.SourceSpec;
import dev.flywheel.runtime.KafkaClientConfig;
import dev.flywheel.runtime.PipelineCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Runs a {@link SourceRunner} for every source of every loaded pipeline, from service start (after the topics are
 * provisioned) to shutdown, and for sources declared at run time over HTTP (kept in memory: a restart forgets them,
 * though their positions stay on the positions topic). All runners share one scheduled thread pool.
 */
@Singleton
public class SourceSupervisor {

    private static final Logger LOG = Logger.getLogger(SourceSupervisor.class);

    private final SourcesConfig config;
    private final PipelineCatalog catalog;
    private final Map<String, Object> connection;
    private final MeterRegistry meters;
    private final SourceReaders readers;
    private final ScheduledExecutorService scheduler;
    /** Per pipeline, its runners in declaration order. */
    private final Map<String, List<SourceRunner>> running = new ConcurrentHashMap<>();

    public SourceSupervisor(SourcesConfig config, PipelineCatalog catalog,
                            @Identifier("default-kafka-broker") Map<String, Object> kafka, MeterRegistry meters) {
        this.config = config;
        this.catalog = catalog;
        this.connection = KafkaClientConfig.connection(kafka);
        this.meters = meters;
        this.readers = new SourceReaders(config);
        this.scheduler = Executors.newScheduledThreadPool(config.threads(), namedThreads());
    }

    /** After {@code TopicBootstrap} (priority 1) created the positions topic. */
    void onStart(@Observes @Priority(100) StartupEvent start) {
        if (!config.enabled()) {
            LOG.info("pull sources are disabled (flywheel.ingest.sources.enabled=false)");
            return;
        }
        for (PipelineSpec pipeline : catalog.all()) {
            for (SourceSpec source : pipeline.sources()) {
                try {
                    declare(pipeline, source);
                } catch (RuntimeException e) {
                    // One source that cannot run (a bad selector, a type not in this build) must not stop the others.
                    LOG.errorf("source %s of pipeline %s cannot run: %s", source.name(), pipeline.name(), e.getMessage());
                }
            }
        }
    }

    /**
     * Starts a runner for {@code source} and keeps it.
     *
     * @throws IllegalArgumentException when the pipeline has a source of that name already, or the reader refuses
     *                                  the declaration
     */
    public synchronized SourceRunner declare(PipelineSpec pipeline, SourceSpec source) {
        List<SourceRunner> runners = running.computeIfAbsent(pipeline.name(), name -> new ArrayList<>());
        if (runners.stream().anyMatch(runner -> runner.name().equals(source.name()))) {
            throw new IllegalArgumentException("pipeline '" + pipeline.name() + "' has a source '" + source.name()
                    + "' already");
        }
        SourceRunner runner = newRunner(pipeline, source);
        runners.add(runner);
        runner.start();
        LOG.infof("source %s (%s) of pipeline %s started, every %s", source.name(), source.type().keyword(),
                pipeline.name(), source.interval());
        return runner;
    }

    /** A runner with this service's settings, not kept nor started (tests start and stop runners themselves). */
    public SourceRunner newRunner(PipelineSpec pipeline, SourceSpec source) {
        return new SourceRunner(pipeline, source, readers.create(pipeline, source), connection,
                new SourcePositions(connection, config.positionReadTimeout()), scheduler,
                new Backoff(config.backoffInitial(), config.backoffMax()), meters, Clock.systemUTC());
    }

    public List<SourceRunner> runners(String pipeline) {
        return List.copyOf(running.getOrDefault(pipeline, List.of()));
    }

    public Optional<SourceRunner> runner(String pipeline, String source) {
        return runners(pipeline).stream().filter(runner -> runner.name().equals(source)).findFirst();
    }

    @PreDestroy
    void stopAll() {
        running.values().forEach(runners -> runners.forEach(SourceRunner::stop));
        scheduler.shutdownNow();
    }

    private static ThreadFactory namedThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "flywheel-source-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
