package dev.flywheel.cli;

/** What the command line's exit status tells a script. */
final class ExitCode {

    /** Done. */
    static final int OK = 0;
    /** A service refused or failed the request (its message is printed), or the work it ran failed. */
    static final int FAILED = 1;
    /** The command line itself was wrong (unknown command, missing argument). */
    static final int USAGE = 2;
    /** A service did not answer. */
    static final int UNREACHABLE = 3;
    /** A pipeline spec (or other local input) is invalid. */
    static final int INVALID = 4;

    private ExitCode() {
    }
}
