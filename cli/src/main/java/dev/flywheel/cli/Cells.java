package dev.flywheel.cli;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/** How one value reads in a table cell: numbers to four significant decimals, missing values as a dash. */
final class Cells {

    private Cells() {
    }

    static String text(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof JsonNode node) {
            if (node.isMissingNode() || node.isNull()) {
                return "-";
            }
            if (node.isIntegralNumber()) {
                return node.asText();
            }
            if (node.isNumber()) {
                return number(node.asDouble());
            }
            return node.isValueNode() ? node.asText() : node.toString();
        }
        if (value instanceof Double d) {
            return number(d);
        }
        return value.toString();
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 1e-3 || value == 0 ? "%.4f" : "%.3e", value);
    }

    static boolean isNumber(String cell) {
        if (cell.equals("-")) {
            return true;
        }
        try {
            Double.parseDouble(cell);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
