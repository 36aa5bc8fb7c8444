package dev.flywheel.model;

import java.util.List;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

/**
 * The architecture of a scoring network: {@code inputs} standardised features, then one fully connected
 * ReLU layer per entry of {@code hidden}, then one output unit holding the logit of the positive class.
 * No hidden layer is a logistic regression.
 *
 * <p>This is the one place the network is built: a DJL parameters file can only be read back into the
 * same block structure, so training and inference both build it from here.
 */
public record NetworkShape(int inputs, List<Integer> hidden) {

    public NetworkShape {
        if (inputs < 1) {
            throw new IllegalArgumentException("a network needs at least one input, got " + inputs);
        }
        hidden = List.copyOf(hidden);
        if (hidden.stream().anyMatch(units -> units < 1)) {
            throw new IllegalArgumentException("hidden layer sizes must be positive: " + hidden);
        }
    }

    /** A fresh, uninitialised block of this shape. */
    public Block newBlock() {
        SequentialBlock block = new SequentialBlock();
        for (int units : hidden) {
            block.add(Linear.builder().setUnits(units).build());
            block.add(Activation::relu);
        }
        block.add(Linear.builder().setUnits(1).build());
        return block;
    }
}
