package dev.flywheel.contracts.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Loads pipeline specs from YAML: reads the text keeping every value's position, binds it to
 * {@link PipelineSpec}, and checks references between its parts. All problems of a file (or of a directory)
 * are collected and thrown together as one {@link SpecException}.
 */
public final class PipelineSpecs {

    private PipelineSpecs() {
    }

    /** Loads one spec file; problems name the file as given here. */
    public static PipelineSpec load(Path file) {
        return read(file).spec();
    }

    /**
     * Loads every {@code *.yaml} and {@code *.yml} file of a directory (not its subdirectories), keyed by
     * pipeline name. The file name need not match the pipeline name, but two files may not declare the same one.
     */
    public static Map<String, PipelineSpec> loadDirectory(Path dir) {
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(PipelineSpecs::isYaml).filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new SpecException(List.of(new SpecProblem(dir.toString(), 0, 0, "",
                    "cannot list spec directory: " + e)));
        }
        List<SpecProblem> problems = new ArrayList<>();
        Map<String, Loaded> byName = new HashMap<>();
        for (Path file : files) {
            try {
                Loaded loaded = read(file);
                Loaded earlier = byName.putIfAbsent(loaded.spec().name(), loaded);
                if (earlier != null) {
                    SourceMark at = loaded.nameMark();
                    problems.add(new SpecProblem(file.toString(), at.line(), at.column(), "name",
                            "pipeline '" + loaded.spec().name() + "' is already declared in " + earlier.file()));
                }
            } catch (SpecException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new SpecException(Problems.inFileOrder(problems));
        }
        Map<String, PipelineSpec> specs = new LinkedHashMap<>();
        new TreeMap<>(byName).forEach((name, loaded) -> specs.put(name, loaded.spec()));
        return Collections.unmodifiableMap(specs);
    }

    /** Parses spec text; {@code fileName} is only used to name the file in problems. */
    public static PipelineSpec parse(String fileName, String yaml) {
        return parse(fileName, yaml, Path.of(fileName)).spec();
    }

    private static Loaded read(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SpecException(List.of(new SpecProblem(file.toString(), 0, 0, "", "cannot read file: " + e)));
        }
        return parse(file.toString(), yaml, file);
    }

    private static Loaded parse(String fileName, String yaml, Path file) {
        Problems problems = new Problems(fileName);
        Optional<YamlNode> root = new YamlTreeReader(problems).read(yaml);
        Optional<PipelineSpec> spec = root.flatMap(node -> new PipelineBinder(problems).bind(node));
        if (spec.isEmpty()) {
            throw problems.toException();
        }
        YamlNode.Mapping mapping = (YamlNode.Mapping) root.orElseThrow();
        return new Loaded(spec.get(), file, mapping.entries().get("name").value().mark());
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /** A bound spec with where it came from, to report a name declared twice. */
    private record Loaded(PipelineSpec spec, Path file, SourceMark nameMark) {
    }
}
