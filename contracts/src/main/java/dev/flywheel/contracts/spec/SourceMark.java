package dev.flywheel.contracts.spec;

/** Where something starts in a spec file: 1-based line and column, as an editor shows them. */
record SourceMark(int line, int column) {

    /** For problems that concern the file as a whole (it cannot be read, two files clash). */
    static final SourceMark FILE = new SourceMark(0, 0);
}
