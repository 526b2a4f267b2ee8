package org.dendrite.layers;

import org.deeplearning4j.nn.conf.layers.LSTM.Builder;

/**
 * Long short-term memory over sequences {@code (batch, timesteps, features)}, Keras's layout: tanh,
 * sigmoid gates, Glorot-uniform weights, zero biases but the forget gate's at 1 (Keras's
 * {@code unit_forget_bias}). Only the last step's output {@code (batch, units)} goes on, unless
 * {@code returnSequences}; then {@code (batch, timesteps, units)}.
 *
 * <p>Where DL4J differs: the recurrent weights start Glorot-uniform, not orthogonal (DL4J has no
 * orthogonal initialiser). {@code getWeights()} gives the four gates in Keras's order (input,
 * forget, cell, output).
 *
 * @param units               the size of the state and of each output, at least 1
 * @param returnSequences     whether every step's output goes on, not only the last
 * @param recurrentActivation the gates' activation: sigmoid (Keras's default) or hard_sigmoid (Keras 2's)
 */
public record LSTM(int units, boolean returnSequences, org.dendrite.activations.Activation recurrentActivation)
        implements Layer {

    public LSTM {
        RecurrentLayers.requireUnits("LSTM", units);
        java.util.Objects.requireNonNull(recurrentActivation, "recurrentActivation");
    }

    /** An LSTM with sigmoid gates. */
    public LSTM(int units, boolean returnSequences) {
        this(units, returnSequences, org.dendrite.activations.Activation.SIGMOID);
    }

    @Override
    public String kind() {
        return "LSTM";
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j() {
        return RecurrentLayers.build(cell(), returnSequences);
    }

    /** The DL4J layer over every step, whatever {@code returnSequences}. */
    org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer cell() {
        return RecurrentLayers.cell(
                new Builder()
                        .gateActivationFunction(recurrentActivation.toDl4j())
                        .forgetGateBiasInit(1.0),
                units);
    }

    @Override
    public long[] outputShape(long[] input) {
        return RecurrentLayers.outputShape(kind(), input, units, returnSequences);
    }

    /** E.g. {@code LSTM(32)} or {@code LSTM(8, return sequences)}. */
    @Override
    public String toString() {
        String described = RecurrentLayers.describe(kind(), units, returnSequences);
        return recurrentActivation.equals(org.dendrite.activations.Activation.SIGMOID)
                ? described
                : described.substring(0, described.length() - 1) + ", " + recurrentActivation + " gates)";
    }
}
