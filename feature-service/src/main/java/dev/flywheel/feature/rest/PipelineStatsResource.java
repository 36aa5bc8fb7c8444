package dev.flywheel.feature.rest;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.apache.kafka.streams.KafkaStreams;

import dev.flywheel.feature.streams.EmissionCounters;
import dev.flywheel.runtime.PipelineCatalog;
import io.quarkus.security.Authenticated;

/** What the feature service has emitted for a pipeline since it started, and whether its streams run. */
@Authenticated
@Path("/v1/pipelines/{pipeline}/stats")
@Produces(MediaType.APPLICATION_JSON)
public class PipelineStatsResource {

    /**
     * @param vectors      feature vectors this instance emitted since it started
     * @param examples     training examples this instance emitted since it started
     * @param streamsState the Kafka Streams state ({@code RUNNING}, {@code REBALANCING}, ...)
     */
    public record PipelineStats(String pipeline, long vectors, long examples, String streamsState) {
    }

    private final PipelineCatalog catalog;
    private final EmissionCounters counters;
    private final Instance<KafkaStreams> streams;

    public PipelineStatsResource(PipelineCatalog catalog, EmissionCounters counters, Instance<KafkaStreams> streams) {
        this.catalog = catalog;
        this.counters = counters;
        this.streams = streams;
    }

    @GET
    public PipelineStats stats(@PathParam("pipeline") String pipeline) {
        String name = catalog.require(pipeline).name();
        String state = streams.isResolvable() && streams.get() != null ? streams.get().state().name() : "NOT_RUNNING";
        return new PipelineStats(name, counters.vectorCount(name), counters.exampleCount(name), state);
    }
}
