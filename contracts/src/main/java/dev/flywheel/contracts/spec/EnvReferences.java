package dev.flywheel.contracts.spec;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${NAME}} references in spec values (source headers, URLs, database credentials): the spec keeps them as
 * written, and a reader resolves them from the environment (or system properties) only when it uses the value,
 * so secrets live in the environment and never in a spec file or a log line.
 */
public final class EnvReferences {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.]*)}");

    private EnvReferences() {
    }

    /** What is wrong with the references in {@code text}, if anything (an unclosed or empty {@code ${}}). */
    static Optional<String> problem(String text) {
        String rest = REFERENCE.matcher(text).replaceAll("");
        int open = rest.indexOf("${");
        if (open >= 0) {
            return Optional.of("a reference must read ${NAME} (letters, digits, '_' and '.'), but found '"
                    + rest.substring(open, Math.min(rest.length(), open + 20)) + "'");
        }
        return Optional.empty();
    }

    /** {@code text} with every reference replaced through {@code lookup}, from the environment first. */
    public static String resolve(String text) {
        return resolve(text, name -> Optional.ofNullable(System.getenv(name))
                .or(() -> Optional.ofNullable(System.getProperty(name))));
    }

    /**
     * {@code text} with every reference replaced through {@code lookup}.
     *
     * @throws IllegalStateException naming the variable (never a value) when one is not set
     */
    public static String resolve(String text, Function<String, Optional<String>> lookup) {
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = lookup.apply(name).orElseThrow(() -> new IllegalStateException(
                    "${" + name + "} is referenced but neither an environment variable nor a system property"
                            + " of that name is set"));
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }
}
