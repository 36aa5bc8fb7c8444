package dev.flywheel.feature.rest;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.apache.kafka.streams.state.HostInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.spec.AggregateFeature;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.feature.store.LatestFeatures;
import dev.flywheel.feature.store.OnlineLookup;
import dev.flywheel.feature.store.OnlineLookup.Located;
import dev.flywheel.feature.store.StoreNames;
import dev.flywheel.runtime.PipelineCatalog;
import dev.flywheel.runtime.security.ApiKeyMechanism;
import io.quarkus.security.Authenticated;

/**
 * The online store over HTTP: the latest aggregate features of an entity ({@code customer_id} {@code C123}), or of
 * several entities merged into the aggregate part of a vector. Each entity is read from the instance that owns it
 * ({@link OnlineLookup}); a lookup that reaches another instance is forwarded to the owner once
 * ({@link OwnerClient}).
 *
 * <p>Answers 404 for an unknown pipeline, an entity field no aggregate groups by, or an entity never seen; 503 with
 * {@code Retry-After} while ownership is settling (start, rebalance, store restoring) or the owner cannot be reached.
 */
@Authenticated
@Path("/v1/pipelines/{pipeline}/features")
@Produces(MediaType.APPLICATION_JSON)
public class OnlineFeaturesResource {

    private static final Logger LOG = Logger.getLogger(OnlineFeaturesResource.class);
    private static final int RETRY_AFTER_SECONDS = 1;

    /** An error answer: the status again, and what went wrong, naming the pipeline, field or value. */
    public record Problem(int status, String error) {
    }

    /** One entity's lookup: found, never seen, or failed with an answer to pass on. */
    private sealed interface Outcome {
    }

    private record Found(EntityFeatures features, String servedBy) implements Outcome {
    }

    private record NotSeen(String message) implements Outcome {
    }

    private record Failed(Response response) implements Outcome {
    }

    private final PipelineCatalog catalog;
    private final OnlineLookup lookup;
    private final OwnerClient owners;

    public OnlineFeaturesResource(PipelineCatalog catalog, OnlineLookup lookup, OwnerClient owners) {
        this.catalog = catalog;
        this.lookup = lookup;
        this.owners = owners;
    }

    /**
     * Non-blocking (a {@link CompletionStage}): a local lookup is one read of a local store, done on the event loop;
     * a routed one waits for the owner without holding a thread.
     */
    @GET
    @Path("/{entity}/{value}")
    public CompletionStage<Response> entity(@PathParam("pipeline") String pipeline, @PathParam("entity") String entity,
                                            @PathParam("value") String value,
                                            @HeaderParam(OwnerClient.FORWARDED_HEADER) String forwardedBy,
                                            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                            @HeaderParam(ApiKeyMechanism.API_KEY_HEADER) String apiKey) {
        OwnerClient.Credentials caller = new OwnerClient.Credentials(authorization, apiKey);
        PipelineSpec spec = catalog.require(pipeline);
        requireAggregatesBy(spec, entity);
        Located where = lookup.locate(new StoreNames(spec.name()), entity, value);
        if (where instanceof OnlineLookup.Remote remote && forwardedBy == null) {
            // Passed on as the owner wrote it: no parsing on the way.
            return forward(remote.owner(), spec.name(), entity, value, caller)
                    .thenApply(answer -> relay(remote.owner(), answer));
        }
        return resolve(spec, entity, value, where, forwardedBy, caller).thenApply(outcome -> {
            if (outcome instanceof Found found) {
                return Response.ok(found.features()).header(OwnerClient.SERVED_BY_HEADER, found.servedBy()).build();
            }
            if (outcome instanceof NotSeen notSeen) {
                return problem(404, notSeen.message());
            }
            return ((Failed) outcome).response();
        });
    }

    @GET
    public CompletionStage<Response> vector(@PathParam("pipeline") String pipeline, @Context UriInfo uri,
                                            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                            @HeaderParam(ApiKeyMechanism.API_KEY_HEADER) String apiKey) {
        OwnerClient.Credentials caller = new OwnerClient.Credentials(authorization, apiKey);
        PipelineSpec spec = catalog.require(pipeline);
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        if (query.isEmpty()) {
            return done(problem(400, "name the entities, e.g. ?" + String.join("=...&", fieldsWithAggregates(spec))
                    + "=..."));
        }
        Map<String, CompletableFuture<Outcome>> lookups = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            String entity = parameter.getKey();
            requireAggregatesBy(spec, entity);
            if (parameter.getValue().size() != 1 || parameter.getValue().get(0).isEmpty()) {
                return done(problem(400, "entity '" + entity + "' takes exactly one non-empty value, got "
                        + parameter.getValue()));
            }
            String value = parameter.getValue().get(0);
            Located where = lookup.locate(new StoreNames(spec.name()), entity, value);
            lookups.put(entity, resolve(spec, entity, value, where, null, caller).toCompletableFuture());
        }
        // The entities' lookups run side by side: a vector costs its slowest part, not the sum.
        return CompletableFuture.allOf(lookups.values().toArray(CompletableFuture[]::new))
                .thenApply(all -> merge(spec, lookups));
    }

    /** An unknown pipeline, entity field or value: 404 with a body naming what exists. */
    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return problem(404, e.getMessage());
    }

    private Response merge(PipelineSpec spec, Map<String, CompletableFuture<Outcome>> lookups) {
        Map<String, EntityFeatures> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, CompletableFuture<Outcome>> lookup : lookups.entrySet()) {
            Outcome outcome = lookup.getValue().join();
            if (outcome instanceof Failed failed) {
                return failed.response();
            }
            if (outcome instanceof Found hit) {
                found.put(lookup.getKey(), hit.features());
            } else {
                missing.add(lookup.getKey());
            }
        }
        Map<String, EntityVector.AsOf> entities = new LinkedHashMap<>();
        found.forEach((entity, features) -> entities.put(entity,
                new EntityVector.AsOf(features.value(), features.asOf(), features.eventId())));
        Map<String, Double> features = new LinkedHashMap<>();
        for (AggregateFeature aggregate : aggregates(spec)) {
            EntityFeatures of = found.get(aggregate.by());
            if (of != null && of.features().containsKey(aggregate.name())) {
                features.put(aggregate.name(), of.features().get(aggregate.name()));
            }
        }
        return Response.ok(new EntityVector(spec.name(), entities, features, missing)).build();
    }

    private CompletionStage<Outcome> resolve(PipelineSpec spec, String entity, String value, Located where,
                                             String forwardedBy, OwnerClient.Credentials caller) {
        if (where instanceof OnlineLookup.Local local) {
            return done(local.features()
                    .<Outcome>map(latest -> new Found(answer(spec, entity, value, latest), hostPort(lookup.self())))
                    .orElseGet(() -> new NotSeen(notSeen(spec, entity, value))));
        }
        if (where instanceof OnlineLookup.Unavailable unavailable) {
            return done(new Failed(unavailable(unavailable.reason())));
        }
        HostInfo owner = ((OnlineLookup.Remote) where).owner();
        if (forwardedBy != null) {
            // Never forwarded twice: the sender thought this instance the owner, this one thinks otherwise.
            return done(new Failed(unavailable("forwarded by " + forwardedBy + " to " + hostPort(lookup.self())
                    + ", but " + entity + " '" + value + "' is owned by " + hostPort(owner)
                    + " (ownership is moving)")));
        }
        return forward(owner, spec.name(), entity, value, caller)
                .thenApply(answer -> fromOwner(owner, answer, spec, entity, value));
    }

    private Outcome fromOwner(HostInfo ownerHost, Optional<OwnerClient.Answer> answer, PipelineSpec spec,
                              String entity, String value) {
        if (answer.isEmpty()) {
            return new Failed(relay(ownerHost, answer));
        }
        OwnerClient.Answer owner = answer.get();
        if (owner.status() == 404) {
            return new NotSeen(notSeen(spec, entity, value));
        }
        if (owner.status() != 200) {
            return new Failed(relay(ownerHost, answer));
        }
        try {
            return new Found(Json.mapper().readValue(owner.body(), EntityFeatures.class),
                    owner.servedBy().orElse("?"));
        } catch (IOException unreadable) {
            return new Failed(problem(502, "the owner of " + entity + " '" + value + "' answered what is not "
                    + "entity features: " + unreadable.getMessage()));
        }
    }

    /** The owner's answer, or empty when it could not be reached or did not answer in time. */
    private CompletionStage<Optional<OwnerClient.Answer>> forward(HostInfo owner, String pipeline, String entity,
                                                                  String value, OwnerClient.Credentials caller) {
        return owners.entityFeatures(owner, lookup.self(), pipeline, entity, value, caller)
                .thenApply(Optional::of)
                .exceptionally(unreachable -> {
                    LOG.debugf("owner %s of %s '%s' did not answer: %s", hostPort(owner), entity, value, unreachable);
                    return Optional.empty();
                });
    }

    private Response relay(HostInfo ownerHost, Optional<OwnerClient.Answer> answer) {
        if (answer.isEmpty()) {
            return unavailable("the owning instance " + hostPort(ownerHost) + " did not answer "
                    + hostPort(lookup.self()));
        }
        OwnerClient.Answer owner = answer.get();
        Response.ResponseBuilder response = Response.status(owner.status()).entity(owner.body())
                .type(MediaType.APPLICATION_JSON_TYPE);
        owner.retryAfter().ifPresent(seconds -> response.header("Retry-After", seconds));
        owner.servedBy().ifPresent(host -> response.header(OwnerClient.SERVED_BY_HEADER, host));
        return response.build();
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    private static EntityFeatures answer(PipelineSpec spec, String entity, String value, LatestFeatures latest) {
        return new EntityFeatures(spec.name(), entity, value, Instant.ofEpochMilli(latest.eventTime()),
                latest.eventId(), latest.features());
    }

    private static void requireAggregatesBy(PipelineSpec spec, String entity) {
        Set<String> fields = fieldsWithAggregates(spec);
        if (!fields.contains(entity)) {
            throw new NotFoundException("pipeline '" + spec.name() + "' has no aggregate by '" + entity
                    + "'; entity fields with online features: " + fields);
        }
    }

    private static String notSeen(PipelineSpec spec, String entity, String value) {
        return "no features for " + entity + " '" + value + "' in pipeline '" + spec.name()
                + "': no event of it has been processed";
    }

    private static List<AggregateFeature> aggregates(PipelineSpec spec) {
        return spec.features().stream().filter(AggregateFeature.class::isInstance).map(AggregateFeature.class::cast)
                .toList();
    }

    private static Set<String> fieldsWithAggregates(PipelineSpec spec) {
        return aggregates(spec).stream().map(AggregateFeature::by)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Response unavailable(String reason) {
        return Response.fromResponse(problem(503, reason)).header("Retry-After", RETRY_AFTER_SECONDS).build();
    }

    private static Response problem(int status, String message) {
        return Response.status(status).entity(new Problem(status, message)).type(MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    private static String hostPort(HostInfo host) {
        return host.host() + ":" + host.port();
    }
}
