package dev.flywheel.simulator;

/** A payment terminal: only a place on the 100×100 grid (handbook §1.2). */
public record TerminalProfile(int id, double x, double y) {
}
