package dev.flywheel.contracts.spec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A pipeline spec that cannot be used, with every problem found in one pass. Unchecked: a service cannot
 * run without its spec, so the usual handling is to let it stop the start-up with this message.
 */
public class SpecException extends RuntimeException {

    private final List<SpecProblem> problems;

    public SpecException(List<SpecProblem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems in file and line order. */
    public List<SpecProblem> problems() {
        return problems;
    }

    private static String message(List<SpecProblem> problems) {
        String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
        return "invalid pipeline spec (" + count + "):\n"
                + problems.stream().map(SpecProblem::toString).collect(Collectors.joining("\n"));
    }
}
