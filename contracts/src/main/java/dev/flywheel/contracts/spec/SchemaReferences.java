package dev.flywheel.contracts.spec;

import java.util.List;
import java.util.Optional;

/**
 * Resolves the field names other sections use (eventId, entities, feature inputs) against the bound schema,
 * reporting unknown names with the list of schema fields. A name declared in the schema whose own
 * definition has problems resolves to nothing without a second report, so one mistake yields one problem.
 */
final class SchemaReferences {

    private final SchemaBinder.BoundSchema schema;
    private final Problems problems;

    SchemaReferences(SchemaBinder.BoundSchema schema, Problems problems) {
        this.schema = schema;
        this.problems = problems;
    }

    /** The field named by a spec value; empty when it is unknown (reported) or could not be bound. */
    Optional<FieldSpec> resolve(YamlNode node, String name) {
        FieldSpec field = schema.fields().get(name);
        if (field == null && !schema.declared().contains(name) && !schema.declared().isEmpty()) {
            problems.report(node, ClosestMatch.unknown("unknown field", name, schema.declared(), "schema fields are"));
        }
        return Optional.ofNullable(field);
    }

    /** The field of that name, without reporting anything. */
    Optional<FieldSpec> find(String name) {
        return Optional.ofNullable(schema.fields().get(name));
    }

    boolean isDeclared(String name) {
        return schema.declared().contains(name);
    }

    /** Whether the schema could be read at all; without it, references cannot be judged. */
    boolean isKnown() {
        return !schema.declared().isEmpty();
    }

    List<String> numericFields() {
        return schema.fields().values().stream().filter(field -> field.type().isNumeric()).map(FieldSpec::name).toList();
    }
}
