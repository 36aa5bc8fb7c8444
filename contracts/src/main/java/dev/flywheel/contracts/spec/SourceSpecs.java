package dev.flywheel.contracts.spec;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one source declaration outside a spec file, for sources declared at run time: the same shape as an item
 * of a spec's {@code sources} list, in YAML or JSON (JSON is YAML), checked by the same rules.
 */
public final class SourceSpecs {

    private SourceSpecs() {
    }

    /**
     * The source declared by {@code text}.
     *
     * @param origin where the text came from, named in problems ({@code POST /v1/pipelines/x/sources})
     * @param taken  names of the pipeline's sources that exist already
     * @throws SpecException with every problem found
     */
    public static SourceSpec parse(String origin, String text, Collection<String> taken) {
        Problems problems = new Problems(origin);
        Optional<YamlNode> root = new YamlTreeReader(problems).read(text);
        Map<String, YamlNode> names = new HashMap<>();
        taken.forEach(name -> names.put(name, new YamlNode.Scalar("", new SourceMark(0, 0), name)));
        Optional<SourceSpec> source = root.flatMap(node -> new SourceBinder(new ValueReader(problems)).bindOne(node, names));
        if (source.isEmpty() || !problems.isEmpty()) {
            throw problems.toException();
        }
        return source.get();
    }
}
