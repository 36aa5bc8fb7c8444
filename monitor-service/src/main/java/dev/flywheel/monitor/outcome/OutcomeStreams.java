package dev.flywheel.monitor.outcome;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.streams.Topology;

import dev.flywheel.monitor.config.MonitorConfig;
import dev.flywheel.runtime.PipelineCatalog;

/** Hands the outcome join of every loaded pipeline to Quarkus's Kafka Streams. */
@ApplicationScoped
public class OutcomeStreams {

    @Produces
    Topology outcomeTopology(PipelineCatalog catalog, MonitorConfig config) {
        return OutcomeTopology.build(catalog.all(), config.join().grace());
    }
}
