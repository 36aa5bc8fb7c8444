package dev.flywheel.contracts.spec;

/**
 * One thing wrong with a pipeline spec.
 *
 * @param file    the file as it was named to the loader
 * @param line    1-based line where the offending value starts; 0 when the problem concerns the whole file
 * @param column  1-based column; 0 when the problem concerns the whole file
 * @param path    the field, as {@code features[3].of}; empty for the document itself
 * @param message what is wrong and, where it can be known, what would be right
 */
public record SpecProblem(String file, int line, int column, String path, String message) {

    /** {@code card-fraud.yaml:41:7: features[3].of: unknown field 'amount'; ...}, the shape compilers use. */
    @Override
    public String toString() {
        String where = line > 0 ? file + ":" + line + ":" + column : file;
        return path.isEmpty() ? where + ": " + message : where + ": " + path + ": " + message;
    }
}
