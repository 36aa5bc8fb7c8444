package dev.flywheel.inference.rest.v2;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.spec.FieldViolation;

/**
 * Turns the input tensors of an inference request into rows in the model's column order, or names every
 * reason it cannot. Two layouts are accepted:
 * <ul>
 *   <li><b>one tensor per feature</b> (what {@code GET /v2/models/{name}} lists): each input is named after a
 *       feature, shape {@code [n]} or {@code [n, 1]}; every feature must be there, once;</li>
 *   <li><b>one matrix</b>: a single input named {@value #MATRIX_INPUT}, shape {@code [n, width]}
 *       ({@code [width]} for one row), columns in the order of the model's features.</li>
 * </ul>
 * Any numeric datatype (and {@code BOOL}, as 0/1) is read as a double; {@code BYTES} is refused. Data may be
 * flat (row-major, as the protocol has it) or nested; its element count must match the shape.
 */
public final class TensorRows {

    /** The name of the single-matrix input. */
    public static final String MATRIX_INPUT = "features";

    /** The rule of the refusal of too many rows. */
    static final String TOO_MANY_ROWS = "maxRows";

    private static final Set<String> NUMERIC = Set.of("FP16", "FP32", "FP64", "INT8", "INT16", "INT32", "INT64",
            "UINT8", "UINT16", "UINT32", "UINT64", "BOOL");

    /** The rows, or every reason there are none. */
    public record Reading(double[][] rows, List<FieldViolation> violations) {

        public boolean valid() {
            return violations.isEmpty();
        }
    }

    private TensorRows() {
    }

    /**
     * @param featureNames the model's inputs, in column order
     * @param maxRows      more rows than this are refused (the caller answers 413); checked before the data
     *                     is read
     */
    public static Reading read(List<InputTensor> inputs, List<String> featureNames, int maxRows) {
        if (inputs == null || inputs.isEmpty()) {
            return refused(new FieldViolation("inputs", FieldViolation.REQUIRED,
                    "at least one input tensor is required: one per feature " + featureNames + ", or a single '"
                            + MATRIX_INPUT + "' of shape [n, " + featureNames.size() + "]", null));
        }
        if (inputs.size() == 1 && inputs.get(0) != null && MATRIX_INPUT.equals(inputs.get(0).name())
                && !featureNames.contains(MATRIX_INPUT)) {
            return matrix(inputs.get(0), featureNames, maxRows);
        }
        return perFeature(inputs, featureNames, maxRows);
    }

    /** Whether a refusal is for more rows than allowed (413), rather than for wrong input (400). */
    public static boolean tooManyRows(Reading reading) {
        return reading.violations().stream().anyMatch(v -> TOO_MANY_ROWS.equals(v.rule()));
    }

    private static Reading matrix(InputTensor input, List<String> featureNames, int maxRows) {
        String field = "inputs[0]";
        List<FieldViolation> violations = new ArrayList<>();
        checkDatatype(input, field, violations);
        int width = featureNames.size();
        List<Long> shape = input.shape();
        long rows;
        if (shape == null || shape.isEmpty() || shape.size() > 2 || shape.stream().anyMatch(d -> d == null || d < 0)
                || shape.get(shape.size() - 1) != width) {
            violations.add(new FieldViolation(field + ".shape", FieldViolation.TYPE, "must be [n, " + width
                    + "] (or [" + width + "] for one row): one column per feature " + featureNames + ", but was "
                    + shape, null));
            return refused(violations);
        }
        rows = shape.size() == 2 ? shape.get(0) : 1;
        if (rows > maxRows) {
            return refused(new FieldViolation(field + ".shape", TOO_MANY_ROWS, rows + " rows asked for; at most "
                    + maxRows + " per request (flywheel.inference.max-batch-size)", null));
        }
        double[] values = flatten(input.data(), rows * width, field, violations);
        if (!violations.isEmpty()) {
            return refused(violations);
        }
        double[][] matrix = new double[(int) rows][width];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(values, r * width, matrix[r], 0, width);
        }
        return new Reading(matrix, List.of());
    }

    private static Reading perFeature(List<InputTensor> inputs, List<String> featureNames, int maxRows) {
        List<FieldViolation> violations = new ArrayList<>();
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < featureNames.size(); i++) {
            column.put(featureNames.get(i), i);
        }
        Long rows = null;
        double[][] columns = new double[featureNames.size()][];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            InputTensor input = inputs.get(i);
            String field = "inputs[" + i + "]";
            if (input == null || input.name() == null) {
                violations.add(new FieldViolation(field + ".name", FieldViolation.REQUIRED,
                        "every input needs a name: one of the model's features " + featureNames, null));
                continue;
            }
            field = "inputs[" + i + "] (" + input.name() + ")";
            Integer index = column.get(input.name());
            if (index == null) {
                violations.add(new FieldViolation(field + ".name", FieldViolation.UNKNOWN_FIELD,
                        "unknown feature '" + input.name() + "'; the model's features are " + featureNames, null));
                continue;
            }
            if (!seen.add(input.name())) {
                violations.add(new FieldViolation(field + ".name", FieldViolation.DUPLICATE,
                        "feature '" + input.name() + "' given twice", null));
                continue;
            }
            checkDatatype(input, field, violations);
            List<Long> shape = input.shape();
            if (shape == null || shape.isEmpty() || shape.size() > 2 || shape.get(0) == null || shape.get(0) < 0
                    || (shape.size() == 2 && !Long.valueOf(1).equals(shape.get(1)))) {
                violations.add(new FieldViolation(field + ".shape", FieldViolation.TYPE,
                        "must be [n] or [n, 1] (one value per row) but was " + shape, null));
                continue;
            }
            long n = shape.get(0);
            if (n > maxRows) {
                return refused(new FieldViolation(field + ".shape", TOO_MANY_ROWS, n + " rows asked for; at most "
                        + maxRows + " per request (flywheel.inference.max-batch-size)", null));
            }
            if (rows == null) {
                rows = n;
            } else if (rows != n) {
                violations.add(new FieldViolation(field + ".shape", FieldViolation.TYPE, "has " + n
                        + " rows but the first input has " + rows + ": every input must have the same number", null));
                continue;
            }
            columns[index] = flatten(input.data(), n, field, violations);
        }
        for (String name : featureNames) {
            if (!seen.contains(name)) {
                violations.add(new FieldViolation("inputs", FieldViolation.REQUIRED, "missing input for feature '"
                        + name + "': the model needs " + featureNames, null));
            }
        }
        if (!violations.isEmpty()) {
            return refused(violations);
        }
        double[][] matrix = new double[rows.intValue()][featureNames.size()];
        for (int c = 0; c < columns.length; c++) {
            for (int r = 0; r < matrix.length; r++) {
                matrix[r][c] = columns[c][r];
            }
        }
        return new Reading(matrix, List.of());
    }

    private static void checkDatatype(InputTensor input, String field, List<FieldViolation> violations) {
        if (input.datatype() == null || !NUMERIC.contains(input.datatype())) {
            violations.add(new FieldViolation(field + ".datatype", FieldViolation.TYPE,
                    "must be a numeric datatype (FP64 preferred; FP32, INT*, UINT*, BOOL accepted) but was "
                            + input.datatype(), null));
        }
    }

    /** The data's elements, depth first; null after adding violations when it is not {@code expected} numbers. */
    private static double[] flatten(JsonNode data, long expected, String field, List<FieldViolation> violations) {
        if (data == null || !data.isArray()) {
            violations.add(new FieldViolation(field + ".data", FieldViolation.TYPE,
                    "must be an array of " + expected + " numbers", data));
            return null;
        }
        List<Double> values = new ArrayList<>();
        int before = violations.size();
        collect(data, field + ".data", values, violations);
        if (violations.size() > before) {
            return null;
        }
        if (values.size() != expected) {
            violations.add(new FieldViolation(field + ".data", FieldViolation.TYPE, "holds " + values.size()
                    + " values but the shape needs " + expected, null));
            return null;
        }
        double[] flat = new double[values.size()];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = values.get(i);
        }
        return flat;
    }

    private static void collect(JsonNode node, String path, List<Double> into, List<FieldViolation> violations) {
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            String at = path + "[" + i + "]";
            if (element.isArray()) {
                collect(element, at, into, violations);
            } else if (element.isNumber() && Double.isFinite(element.doubleValue())) {
                into.add(element.doubleValue());
            } else if (element.isBoolean()) {
                into.add(element.booleanValue() ? 1.0 : 0.0);
            } else {
                violations.add(new FieldViolation(at, FieldViolation.TYPE, "must be a finite number", element));
                if (violations.size() >= 20) {
                    return; // a whole column of text need not be reported element by element
                }
            }
        }
    }

    private static Reading refused(FieldViolation violation) {
        return new Reading(null, List.of(violation));
    }

    private static Reading refused(List<FieldViolation> violations) {
        return new Reading(null, List.copyOf(violations));
    }
}
