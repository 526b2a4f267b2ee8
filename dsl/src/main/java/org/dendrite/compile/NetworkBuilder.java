package org.dendrite.compile;

import java.util.List;
import org.dendrite.layers.Layer;
import org.dendrite.losses.Loss;
import org.dendrite.optimizers.Optimizer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Turns a layer list into DL4J's {@link MultiLayerConfiguration}: the one place that knows how
 * the network-wide settings (seed, data type, updater, input type) and the final output layer
 * are wired.
 */
public final class NetworkBuilder {

    private NetworkBuilder() {
    }

    /**
     * @param loss       a resolved loss (see {@link OutputCheck#resolve})
     * @param inputShape the shape of one example
     */
    public static MultiLayerConfiguration build(List<Layer> layers, Optimizer optimizer, Loss loss, long seed, long[] inputShape) {
        var network = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(optimizer.toDl4j())
                .activation(Activation.IDENTITY);
        optimizer.clip().ifPresent(clip -> network.gradientNormalization(clip.toDl4j())
                .gradientNormalizationThreshold(clip.threshold()));
        var list = network.list();
        int last = layers.size() - 1;
        for (int i = 0; i < last; i++) {
            list.layer(i, layers.get(i).toDl4j());
        }
        list.layer(last, OutputCheck.outputLayer(layers).toDl4jOutput(loss.toDl4j().getILossFunction()));
        list.setInputType(inputType(inputShape));
        return list.build();
    }

    /** DL4J's input type for one example of this shape. */
    public static InputType inputType(long[] shape) {
        if (shape.length == 1) {
            return InputType.feedForward(shape[0]);
        }
        throw new IllegalArgumentException("examples of shape " + java.util.Arrays.toString(shape)
                + ": only flat feature vectors are supported so far");
    }
}
