package org.dendrite.layers;

import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.weights.WeightInit;

/**
 * A recurrent layer over sequences {@code (batch, timesteps, features)}, Keras's layout (DL4J's
 * {@code RNNFormat.NWC}): {@code LSTM} or {@code SimpleRNN} with tanh, Glorot-uniform input
 * weights and zero biases (the LSTM's forget gate starts at 1, Keras's {@code unit_forget_bias}).
 * As in Keras, only the last step's output {@code (batch, units)} goes on, unless
 * {@code returnSequences}; then {@code (batch, timesteps, units)}.
 *
 * <p>Where DL4J differs: the recurrent weights start Glorot-uniform, not orthogonal (DL4J has no
 * orthogonal initialiser), and {@code getWeights()} gives the LSTM's four gates in DL4J's order.
 *
 * @param lstm            LSTM if true, SimpleRNN if false
 * @param units           the size of the state and of each output, at least 1
 * @param returnSequences whether every step's output goes on, not only the last
 */
public record Recurrent(boolean lstm, int units, boolean returnSequences) implements Layer {

    public Recurrent {
        if (units <= 0) {
            throw new IllegalArgumentException(kind(lstm) + " expects a positive number of units, received units=" + units);
        }
    }

    private static String kind(boolean lstm) {
        return lstm ? "LSTM" : "SimpleRNN";
    }

    @Override
    public String kind() {
        return kind(lstm);
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j() {
        BaseRecurrentLayer.Builder<?> builder = lstm
                ? new LSTM.Builder().gateActivationFunction(org.nd4j.linalg.activations.Activation.SIGMOID).forgetGateBiasInit(1.0)
                : new SimpleRnn.Builder();
        builder.nOut(units).activation(org.nd4j.linalg.activations.Activation.TANH).weightInit(WeightInit.XAVIER_UNIFORM)
                .weightInitRecurrent(WeightInit.XAVIER_UNIFORM).dataFormat(RNNFormat.NWC);
        org.deeplearning4j.nn.conf.layers.Layer layer = builder.build();
        return returnSequences ? layer : new LastTimeStep(layer);
    }

    /** E.g. {@code LSTM(32)} or {@code SimpleRNN(8, return sequences)}. */
    @Override
    public String toString() {
        return kind() + "(" + units + (returnSequences ? ", return sequences" : "") + ")";
    }
}
