package dev.flywheel.feature.streams;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.jboss.logging.Logger;

import dev.flywheel.feature.config.FeatureConfig;
import dev.flywheel.runtime.PipelineCatalog;

/**
 * Hands Quarkus Kafka Streams one topology holding the feature pipeline of every loaded spec. Quarkus starts it
 * once the topology's source topics exist, which {@code TopicBootstrap} makes sure of at start.
 */
@ApplicationScoped
public class FeatureTopologyProducer {

    private static final Logger LOG = Logger.getLogger(FeatureTopologyProducer.class);

    @Produces
    Topology topology(PipelineCatalog catalog, FeatureConfig config, EmissionCounters counters) {
        StreamsBuilder builder = new StreamsBuilder();
        FeatureTopology.Options options = FeatureTopology.Options.defaults().withGrace(config.grace())
                .withEmissions(counters);
        catalog.all().forEach(spec -> FeatureTopology.build(builder, spec, options));
        Topology topology = builder.build();
        LOG.debugf("feature topology:%n%s", topology.describe());
        return topology;
    }
}
