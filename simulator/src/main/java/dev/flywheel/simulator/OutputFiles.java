package dev.flywheel.simulator;

import java.nio.file.Path;

/** The pair of files a file sink writes: transactions, and their labels beside them. */
public record OutputFiles(Path transactions, Path labels) {

    /** {@code dir/tx.csv} → labels in {@code dir/tx.labels.csv}; no extension → {@code tx.labels}. */
    public static OutputFiles beside(Path transactionsFile) {
        String name = transactionsFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String labelsName = dot <= 0 ? name + ".labels" : name.substring(0, dot) + ".labels" + name.substring(dot);
        return new OutputFiles(transactionsFile, transactionsFile.resolveSibling(labelsName));
    }
}
