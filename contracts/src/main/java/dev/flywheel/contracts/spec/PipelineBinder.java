package dev.flywheel.contracts.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Binds a whole spec document into a {@link PipelineSpec}, section by section in the order they depend on
 * each other (schema, then the fields that name schema fields, label, features, model, monitoring, business). A
 * section that cannot be read does not stop the others; checks that depend on it are skipped instead of
 * reporting follow-on errors.
 */
final class PipelineBinder {

    private static final List<String> KEYS = List.of("name", "description", "schema", "additionalFields",
            "eventId", "eventTime", "entities", "label", "features", "model", "monitoring", "validation", "sources",
            "business");
    /** Same rule as topic names: the name becomes part of {@code flywheel.<name>.<stream>}. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final ValueReader values;
    private final Problems problems;

    PipelineBinder(Problems problems) {
        this.problems = problems;
        this.values = new ValueReader(problems);
    }

    /** The spec, or empty when any problem was found (all of them are in {@link Problems}). */
    Optional<PipelineSpec> bind(YamlNode root) {
        Optional<MappingReader> read = values.mapping(root, KEYS);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        MappingReader top = read.get();
        Optional<String> name = top.require("name").flatMap(this::pipelineName);
        String description = top.get("description").flatMap(values::text).orElse("");
        AdditionalFields additionalFields = top.get("additionalFields")
                .flatMap(n -> values.keyword(n, AdditionalFields.class)).orElse(AdditionalFields.ALLOW);
        SchemaBinder.BoundSchema bound = top.require("schema").map(n -> new SchemaBinder(values).bind(n))
                .orElse(SchemaBinder.BoundSchema.UNREADABLE);
        SchemaReferences schema = new SchemaReferences(bound, problems);

        Optional<String> eventId = top.require("eventId").flatMap(n -> eventIdField(n, schema));
        Optional<String> eventTime = top.require("eventTime").flatMap(n -> eventTimeField(n, schema));
        Optional<List<String>> entities = top.get("entities").isPresent()
                ? top.get("entities").flatMap(n -> entities(n, schema))
                : Optional.of(List.of());
        Optional<LabelSpec> label = top.require("label").flatMap(n -> new LabelBinder(values, schema).bind(n));
        Optional<List<FeatureDef>> features = top.require("features").flatMap(n ->
                new FeatureBinder(values, schema, entities.orElse(null), label.orElse(null)).bind(n));
        ModelBinder.BoundModel model = top.require("model").map(n -> new ModelBinder(values, label.orElse(null),
                        features.map(defs -> defs.stream().map(FeatureDef::name).toList()).orElse(null)).bind(n))
                .orElse(ModelBinder.BoundModel.UNREADABLE);
        Optional<MonitoringSpec> monitoring = top.get("monitoring").isPresent()
                ? top.get("monitoring").flatMap(n -> new MonitoringBinder(values, model.task(), model.metric()).bind(n))
                : model.metric().map(MonitoringBinder::defaults);

        Optional<ValidationSpec> validation = top.get("validation").isPresent()
                ? top.get("validation").flatMap(n -> new ValidationBinder(values, schema).bind(n))
                : Optional.of(ValidationSpec.NONE);
        Optional<List<SourceSpec>> sources = top.get("sources").isPresent()
                ? top.get("sources").flatMap(n -> new SourceBinder(values).bind(n))
                : Optional.of(List.of());

        Optional<Optional<BusinessSpec>> business = top.get("business").isPresent()
                ? top.get("business").flatMap(n -> new BusinessBinder(values, schema,
                        features.map(defs -> defs.stream().map(FeatureDef::name).toList()).orElse(null),
                        model.task()).bind(n)).map(Optional::of)
                : Optional.of(Optional.empty());

        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PipelineSpec(name.orElseThrow(), description,
                new EventSchema(bound.fields(), additionalFields), eventId.orElseThrow(), eventTime.orElseThrow(),
                entities.orElseThrow(), label.orElseThrow(), features.orElseThrow(), model.spec().orElseThrow(),
                monitoring.orElseThrow(), validation.orElseThrow(), sources.orElseThrow(),
                business.orElseThrow()));
    }

    private Optional<String> pipelineName(YamlNode node) {
        Optional<String> name = values.name(node);
        if (name.isPresent() && !NAME.matcher(name.get()).matches()) {
            problems.report(node, "a pipeline name is lower-case letters, digits and '-', starting with a letter or"
                    + " digit (it becomes part of topic names)");
        }
        return name;
    }

    private Optional<String> eventIdField(YamlNode node, SchemaReferences schema) {
        return values.name(node).map(name -> {
            schema.resolve(node, name).ifPresent(field -> {
                if (field.type() != FieldType.STRING && field.type() != FieldType.INTEGER) {
                    problems.report(node, "the event id must be a string or integer field, but '" + name + "' is "
                            + field.type().description());
                }
                if (!field.required()) {
                    problems.report(node, "the event id field '" + name + "' must be declared required: true");
                }
            });
            return name;
        });
    }

    private Optional<String> eventTimeField(YamlNode node, SchemaReferences schema) {
        return values.name(node).map(name -> {
            schema.resolve(node, name).ifPresent(field -> {
                if (field.type() != FieldType.TIMESTAMP) {
                    problems.report(node, "the event time must be a timestamp field, but '" + name + "' is "
                            + field.type().description());
                }
                if (!field.required()) {
                    problems.report(node, "the event time field '" + name + "' must be declared required: true");
                }
            });
            return name;
        });
    }

    private Optional<List<String>> entities(YamlNode node, SchemaReferences schema) {
        Optional<List<String>> names = values.names(node);
        if (names.isEmpty()) {
            return Optional.empty();
        }
        List<YamlNode> items = ((YamlNode.Sequence) node).items();
        List<String> seen = new ArrayList<>();
        for (int index = 0; index < items.size(); index++) {
            String name = names.get().get(index);
            YamlNode item = items.get(index);
            if (seen.contains(name)) {
                problems.report(item, "duplicate entity '" + name + "'");
            }
            seen.add(name);
            schema.resolve(item, name).ifPresent(field -> {
                if (field.type() != FieldType.STRING && field.type() != FieldType.INTEGER) {
                    problems.report(item, "an entity must be a string or integer field, but '" + name + "' is "
                            + field.type().description());
                }
            });
        }
        return names;
    }
}
