package org.dendrite.layers;

import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/** What {@link LSTM} and {@link SimpleRNN} share: the argument check and the DL4J wiring around the cell. */
final class RecurrentLayers {

    private RecurrentLayers() {}

    static void requireUnits(String kind, int units) {
        if (units <= 0) {
            throw new IllegalArgumentException(kind + " expects a positive number of units, received units=" + units);
        }
    }

    /**
     * Tanh, Glorot-uniform input and recurrent weights, Keras's {@code (batch, timesteps, features)}
     * layout (DL4J's NWC).
     */
    static BaseRecurrentLayer cell(BaseRecurrentLayer.Builder<?> cell, int units) {
        cell.nOut(units)
                .activation(Activation.TANH)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .weightInitRecurrent(WeightInit.XAVIER_UNIFORM)
                .dataFormat(RNNFormat.NWC);
        return (BaseRecurrentLayer) cell.build();
    }

    /** The cell, wrapped to pass on only the last step unless {@code returnSequences}. */
    static org.deeplearning4j.nn.conf.layers.Layer build(BaseRecurrentLayer cell, boolean returnSequences) {
        return returnSequences ? cell : new LastTimeStep(cell);
    }

    /** {@code (timesteps, units)} with every step's output, {@code (units)} with the last step's only. */
    static long[] outputShape(String kind, long[] input, int units, boolean returnSequences) {
        Shapes.requireSequence(kind, input);
        return returnSequences ? new long[] {input[0], units} : new long[] {units};
    }

    static String describe(String kind, int units, boolean returnSequences) {
        return kind + "(" + units + (returnSequences ? ", return sequences" : "") + ")";
    }
}
