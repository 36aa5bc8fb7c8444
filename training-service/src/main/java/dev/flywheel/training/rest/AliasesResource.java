package dev.flywheel.training.rest;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.flywheel.contracts.json.Json;
import dev.flywheel.runtime.PipelineCatalog;
import dev.flywheel.runtime.security.Roles;
import dev.flywheel.training.registry.Alias;
import dev.flywheel.training.registry.AliasMove;
import dev.flywheel.training.registry.AliasMoves;
import dev.flywheel.training.registry.ModelRegistry;
import dev.flywheel.training.registry.RegistryConflictException;
import dev.flywheel.training.registry.UnknownVersionException;
import io.quarkus.security.Authenticated;

/**
 * The aliases of a pipeline ({@code champion}, {@code challenger}): where they point, moving them, their
 * audited history, and rolling the champion back. Every move is published on {@code flywheel.models}
 * before it is committed (see {@link AliasMoves}).
 */
@Authenticated
@Path("/v1/pipelines/{pipeline}/aliases")
@Produces(MediaType.APPLICATION_JSON)
public class AliasesResource {

    private static final String DEFAULT_ACTOR = "http";

    private final PipelineCatalog catalog;
    private final ModelRegistry registry;
    private final AliasMoves moves;

    public AliasesResource(PipelineCatalog catalog, ModelRegistry registry, AliasMoves moves) {
        this.catalog = catalog;
        this.registry = registry;
        this.moves = moves;
    }

    /** The body of a move: which version, why, and (optionally) who asks. */
    public record MoveRequest(String version, String reason, String actor) {
    }

    /** The body of a rollback, all optional: a version (else the previous champion), why, who. */
    public record RollbackRequest(String version, String reason, String actor) {
    }

    /** Where an alias points and whether this request moved it. */
    public record AliasState(String pipeline, String alias, String version, boolean moved, AliasMove move) {
    }

    /** Alias name to version. */
    @GET
    public Map<String, String> aliases(@PathParam("pipeline") String pipeline) {
        catalog.require(pipeline);
        return registry.aliases(pipeline);
    }

    @GET
    @Path("/{alias}")
    public AliasState get(@PathParam("pipeline") String pipeline, @PathParam("alias") String name) {
        catalog.require(pipeline);
        Alias alias = alias(name);
        String version = Optional.ofNullable(registry.aliases(pipeline).get(alias.keyword())).orElseThrow(() ->
                RegistryProblem.notFound("alias", "alias " + alias.keyword() + " of " + pipeline + " is not set"));
        return new AliasState(pipeline, alias.keyword(), version, false, null);
    }

    /**
     * Points the alias at a version: 200 with the move (or {@code moved: false} when it pointed there
     * already); 404 for an unknown pipeline or alias; 422 naming the body field at fault; 409 when the
     * challenger would be the champion.
     */
    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("/{alias}")
    @Consumes(MediaType.APPLICATION_JSON)
    public AliasState move(@PathParam("pipeline") String pipeline, @PathParam("alias") String name,
                           MoveRequest body) {
        catalog.require(pipeline);
        Alias alias = alias(name);
        if (body == null || blank(body.version())) {
            throw RegistryProblem.unprocessable("version", "version is required: the version the alias "
                    + alias.keyword() + " should point at");
        }
        if (blank(body.reason())) {
            throw RegistryProblem.unprocessable("reason", "reason is required: every alias move is audited");
        }
        try {
            Optional<AliasMove> move = moves.move(pipeline, alias, body.version().strip(), actor(body.actor()),
                    body.reason().strip());
            return new AliasState(pipeline, alias.keyword(), body.version().strip(), move.isPresent(),
                    move.orElse(null));
        } catch (UnknownVersionException e) {
            throw RegistryProblem.unprocessable("version", e.getMessage());
        } catch (RegistryConflictException e) {
            throw RegistryProblem.conflict(e.getMessage());
        }
    }

    /** The alias's moves, newest first. */
    @GET
    @Path("/{alias}/history")
    public List<AliasMove> history(@PathParam("pipeline") String pipeline, @PathParam("alias") String name) {
        catalog.require(pipeline);
        return registry.history(pipeline, Optional.of(alias(name)));
    }

    /**
     * Moves the champion back to the champion before it (or to the body's version): 200 with the move;
     * 409 when there is no champion or nothing to go back to; 422 when the named version does not exist.
     */
    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("/champion/rollback")
    @Consumes(MediaType.WILDCARD)
    public AliasState rollback(@PathParam("pipeline") String pipeline, String body) {
        catalog.require(pipeline);
        RollbackRequest request = rollbackRequest(body);
        try {
            AliasMove move = moves.rollback(pipeline, Optional.ofNullable(request.version()).map(String::strip)
                            .filter(version -> !version.isEmpty()), actor(request.actor()),
                    blank(request.reason()) ? "no reason given" : request.reason().strip());
            return new AliasState(pipeline, Alias.CHAMPION.keyword(), move.toVersion(), true, move);
        } catch (UnknownVersionException e) {
            throw RegistryProblem.unprocessable("version", e.getMessage());
        } catch (RegistryConflictException e) {
            throw RegistryProblem.conflict(e.getMessage());
        }
    }

    /** The body is optional (a bare POST rolls back to the previous champion), so it is read by hand. */
    private static RollbackRequest rollbackRequest(String body) {
        if (body == null || body.isBlank()) {
            return new RollbackRequest(null, null, null);
        }
        try {
            RollbackRequest request = Json.mapper().readValue(body, RollbackRequest.class);
            // A body of JSON null asks for nothing in particular, like an empty one.
            return request == null ? new RollbackRequest(null, null, null) : request;
        } catch (JsonProcessingException e) {
            throw RegistryProblem.of(400, null, "the body must be a JSON object {version, reason, actor}, all"
                    + " optional: " + e.getOriginalMessage());
        }
    }

    private static Alias alias(String name) {
        return Alias.of(name).orElseThrow(() -> RegistryProblem.notFound("alias", "no alias '" + name
                + "'; aliases are " + Alias.known()));
    }

    private static String actor(String actor) {
        return blank(actor) ? DEFAULT_ACTOR : actor.strip();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
