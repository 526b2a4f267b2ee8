package org.dendrite.layers;

import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;

/**
 * A fully connected recurrent layer, {@code h_t = tanh(x_t · W + h_{t-1} · U + b)}, over sequences
 * {@code (batch, timesteps, features)}, Keras's layout, with Glorot-uniform weights and zero biases.
 * Only the last step's output {@code (batch, units)} goes on, unless {@code returnSequences}.
 *
 * @param units           the size of the state and of each output, at least 1
 * @param returnSequences whether every step's output goes on, not only the last
 */
public record SimpleRNN(int units, boolean returnSequences) implements Layer {

    public SimpleRNN {
        RecurrentLayers.requireUnits("SimpleRNN", units);
    }

    @Override
    public String kind() {
        return "SimpleRNN";
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j() {
        return RecurrentLayers.build(cell(), returnSequences);
    }

    /** The DL4J layer over every step, whatever {@code returnSequences}. */
    org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer cell() {
        return RecurrentLayers.cell(new SimpleRnn.Builder(), units);
    }

    @Override
    public long[] outputShape(long[] input) {
        return RecurrentLayers.outputShape(kind(), input, units, returnSequences);
    }

    /** E.g. {@code SimpleRNN(8)} or {@code SimpleRNN(8, return sequences)}. */
    @Override
    public String toString() {
        return RecurrentLayers.describe(kind(), units, returnSequences);
    }
}
