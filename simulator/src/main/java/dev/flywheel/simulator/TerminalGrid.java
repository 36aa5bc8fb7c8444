package dev.flywheel.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Buckets terminals into square cells of the radius' size, so that finding the terminals near a
 * customer looks at 9 cells instead of every terminal (5000 × 10000 comparisons is fine; a
 * 100k-customer demo is not).
 */
final class TerminalGrid {

    private final List<TerminalProfile> terminals;
    private final double cellSize;
    private final int cellsPerSide;
    private final int[][] cells;

    TerminalGrid(List<TerminalProfile> terminals, double radius) {
        this.terminals = terminals;
        // A tiny radius would make millions of cells; below one unit the saving no longer matters.
        this.cellSize = Math.max(radius, 1.0);
        this.cellsPerSide = (int) Math.ceil(Population.GRID_SIZE / cellSize) + 1;
        List<List<Integer>> buckets = new ArrayList<>(cellsPerSide * cellsPerSide);
        for (int i = 0; i < cellsPerSide * cellsPerSide; i++) {
            buckets.add(new ArrayList<>());
        }
        for (TerminalProfile t : terminals) {
            buckets.get(cellIndex(cell(t.x()), cell(t.y()))).add(t.id());
        }
        this.cells = buckets.stream().map(b -> b.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }

    /** Ids of the terminals at Euclidean distance strictly less than {@code radius}, ascending. */
    int[] within(double x, double y, double radius) {
        int fromX = cell(x - radius);
        int toX = cell(x + radius);
        int fromY = cell(y - radius);
        int toY = cell(y + radius);
        double r2 = radius * radius;
        int[] found = new int[16];
        int n = 0;
        for (int cx = fromX; cx <= toX; cx++) {
            for (int cy = fromY; cy <= toY; cy++) {
                for (int id : cells[cellIndex(cx, cy)]) {
                    TerminalProfile t = terminals.get(id);
                    double dx = t.x() - x;
                    double dy = t.y() - y;
                    if (dx * dx + dy * dy < r2) {
                        if (n == found.length) {
                            found = Arrays.copyOf(found, n * 2);
                        }
                        found[n++] = id;
                    }
                }
            }
        }
        int[] result = Arrays.copyOf(found, n);
        Arrays.sort(result);
        return result;
    }

    private int cell(double coordinate) {
        int c = (int) Math.floor(coordinate / cellSize);
        return Math.min(Math.max(c, 0), cellsPerSide - 1);
    }

    private int cellIndex(int cx, int cy) {
        return cx * cellsPerSide + cy;
    }
}
