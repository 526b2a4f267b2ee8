package org.dendrite.internal.compile;

import java.util.List;
import org.dendrite.layers.Layer;
import org.dendrite.losses.Loss;
import org.dendrite.optimizers.Optimizer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
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
            var layer = layers.get(i).toDl4j();
            if (layer instanceof EmbeddingSequenceLayer embedding && inputShape.length == 1) {
                embedding.setInputLength((int) inputShape[0]);   // so that later layers and summary() see the timesteps
            }
            list.layer(i, layer);
        }
        list.layer(last, OutputCheck.outputLayer(layers).toDl4jOutput(loss.toDl4j().getILossFunction()));
        // Layers leave nIn unset (DL4J infers it from the input type), except Embedding, whose nIn is the vocabulary.
        list.overrideNinUponBuild(false);
        list.setInputType(inputType(inputShape));
        return list.build();
    }

    /**
     * DL4J's input type for one example as the data holds it: {@code [n]}, {@code [timesteps,
     * features]} (Keras's order, DL4J's NWC) or {@code [channels, height, width]}.
     */
    public static InputType inputType(long[] dataShape) {
        if (dataShape.length == 1) {
            return InputType.feedForward(dataShape[0]);
        }
        if (dataShape.length == 2) {
            return InputType.recurrent(dataShape[1], dataShape[0], RNNFormat.NWC);
        }
        if (dataShape.length == 3) {
            return InputType.convolutional(dataShape[1], dataShape[2], dataShape[0]);
        }
        throw new IllegalArgumentException("examples of shape " + java.util.Arrays.toString(dataShape)
                + ": only feature vectors [n], sequences [timesteps, features] and images [channels, height, width] are supported");
    }

    /** A Keras input shape, {@code (n)} or {@code (height, width, channels)}, in DL4J's data order. */
    public static long[] dataShape(long[] kerasShape) {
        return kerasShape.length == 3 ? new long[] {kerasShape[2], kerasShape[0], kerasShape[1]} : kerasShape.clone();
    }
}
