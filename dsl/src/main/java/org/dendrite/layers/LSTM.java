package org.dendrite.layers;

import org.deeplearning4j.nn.conf.layers.LSTM.Builder;
import org.nd4j.linalg.activations.Activation;

/**
 * Long short-term memory over sequences {@code (batch, timesteps, features)}, Keras's layout: tanh,
 * sigmoid gates, Glorot-uniform weights, zero biases but the forget gate's at 1 (Keras's
 * {@code unit_forget_bias}). Only the last step's output {@code (batch, units)} goes on, unless
 * {@code returnSequences}; then {@code (batch, timesteps, units)}.
 *
 * <p>Where DL4J differs: the recurrent weights start Glorot-uniform, not orthogonal (DL4J has no
 * orthogonal initialiser), and {@code getWeights()} gives the four gates in DL4J's order.
 *
 * @param units           the size of the state and of each output, at least 1
 * @param returnSequences whether every step's output goes on, not only the last
 */
public record LSTM(int units, boolean returnSequences) implements Layer {

    public LSTM {
        RecurrentLayers.requireUnits("LSTM", units);
    }

    @Override
    public String kind() {
        return "LSTM";
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j() {
        return RecurrentLayers.build(
                new Builder().gateActivationFunction(Activation.SIGMOID).forgetGateBiasInit(1.0),
                units,
                returnSequences);
    }

    @Override
    public long[] outputShape(long[] input) {
        Shapes.requireSequence(kind(), input);
        return returnSequences ? new long[] {input[0], units} : new long[] {units};
    }

    /** E.g. {@code LSTM(32)} or {@code LSTM(8, return sequences)}. */
    @Override
    public String toString() {
        return RecurrentLayers.describe(kind(), units, returnSequences);
    }
}
