package dev.flywheel.contracts.spec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the problems of one spec file while it is read, bound and checked, so that the author sees all
 * of them at once instead of fixing one per run.
 */
final class Problems {

    private static final Comparator<SpecProblem> FILE_ORDER = Comparator.comparing(SpecProblem::file)
            .thenComparingInt(SpecProblem::line)
            .thenComparingInt(SpecProblem::column);

    private final String file;
    private final List<SpecProblem> found = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    /** A problem with a value: points at where the value starts. */
    void report(YamlNode node, String message) {
        report(node.path(), node.mark(), message);
    }

    void report(String path, SourceMark mark, String message) {
        found.add(new SpecProblem(file, mark.line(), mark.column(), path, message));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** How many so far; a binder compares counts to know whether the part it bound was sound. */
    int count() {
        return found.size();
    }

    /** Every problem in file order; a stable sort keeps the order of discovery for one position. */
    static List<SpecProblem> inFileOrder(List<SpecProblem> problems) {
        List<SpecProblem> sorted = new ArrayList<>(problems);
        sorted.sort(FILE_ORDER);
        return sorted;
    }

    List<SpecProblem> all() {
        return inFileOrder(found);
    }

    SpecException toException() {
        return new SpecException(all());
    }
}
