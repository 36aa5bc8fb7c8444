package dev.flywheel.contracts.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** Spec texts for tests: the files under {@code src/test/resources/specs}, and variations of them. */
final class TestSpecs {

    /** The demo pipeline, relative to the module directory the tests run in. */
    static final Path DEMO = Path.of("..", "pipelines", "card-fraud.yaml");

    private TestSpecs() {
    }

    static String resource(String name) {
        try (InputStream in = TestSpecs.class.getResourceAsStream("/specs/" + name)) {
            assertThat(in).as("test resource specs/%s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path resourceDirectory(String name) {
        return Path.of("src", "test", "resources", "specs", name);
    }

    /** minimal.yaml with one exact piece of text replaced; fails if the piece is not there exactly once. */
    static String minimalWith(String original, String replacement) {
        String minimal = resource("minimal.yaml");
        assertThat(minimal.split(Pattern.quote(original), -1))
                .as("'%s' occurs exactly once in minimal.yaml", original).hasSize(2);
        return minimal.replace(original, replacement);
    }

    /** The problems a spec text is refused with; fails if it is accepted. */
    static List<SpecProblem> problemsOf(String fileName, String yaml) {
        SpecException refused = catchThrowableOfType(SpecException.class, () -> PipelineSpecs.parse(fileName, yaml));
        assertThat(refused).as("the spec is refused").isNotNull();
        return refused.problems();
    }
}
