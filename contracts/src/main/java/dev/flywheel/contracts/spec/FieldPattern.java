package dev.flywheel.contracts.spec;

import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The {@code pattern} constraint of a string field, compiled once at load time because it is applied to
 * every event. The whole value must match. Equality is by the regular expression's text.
 */
public record FieldPattern(Pattern compiled) {

    public static FieldPattern of(String regex) {
        return new FieldPattern(Pattern.compile(regex));
    }

    @JsonValue
    public String regex() {
        return compiled.pattern();
    }

    public boolean matches(String value) {
        return compiled.matcher(value).matches();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldPattern that && regex().equals(that.regex());
    }

    @Override
    public int hashCode() {
        return regex().hashCode();
    }

    @Override
    public String toString() {
        return regex();
    }
}
