package dev.flywheel.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code --name value} pairs after a bench command's subcommand, as the bench scripts pass them; a missing or
 * malformed value is an error naming the option.
 */
public final class CommandOptions {

    private final Map<String, String> values;

    private CommandOptions(Map<String, String> values) {
        this.values = values;
    }

    /** The options of {@code args[1..]} ({@code args[0]} is the subcommand). */
    public static CommandOptions parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs after the subcommand, got " + args[i]);
            }
            values.put(args[i].substring(2), args[i + 1]);
        }
        return new CommandOptions(values);
    }

    public String required(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    public int number(String name, int fallback) {
        String value = values.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, was " + value, e);
        }
    }
}
