package org.dendrite.internal.compile;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.dendrite.layers.AlphaDropout;
import org.dendrite.layers.BatchNorm;
import org.dendrite.layers.Dropout;
import org.dendrite.layers.Flatten;
import org.dendrite.layers.GaussianDropout;
import org.dendrite.layers.GaussianNoise;
import org.dendrite.layers.Layer;
import org.dendrite.losses.Loss;
import org.dendrite.optimizers.Optimizer;
import org.dendrite.runtime.SequenceFlattening;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Turns a layer list into DL4J's {@link MultiLayerConfiguration}: the one place that knows how
 * the network-wide settings (seed, data type, updater, input type) and the final output layer
 * are wired.
 */
public final class NetworkBuilder {

    private NetworkBuilder() {}

    /**
     * @param loss       a resolved loss (see {@link OutputCheck#resolve})
     * @param inputShape the shape of one example, in Keras's layout
     * @param frozen     the layers whose weights training leaves as they are
     */
    public static MultiLayerConfiguration build(
            List<Layer> layers, Optimizer optimizer, Loss loss, long seed, long[] inputShape, Set<Integer> frozen) {
        var list = settings(optimizer, seed, !layers.isEmpty() && passesInputThrough(layers.get(0)))
                .list();
        Masks.checkLayers(layers);
        int last = layers.size() - 1;
        List<long[]> outputShapes = ShapeCheck.outputShapes(layers, inputShape);
        for (int i = 0; i < last; i++) {
            var layer = Masks.toDl4j(layers.get(i), i == 0 ? null : layers.get(i - 1));
            if (layer instanceof EmbeddingSequenceLayer embedding && inputShape.length == 1) {
                embedding.setInputLength((int) inputShape[0]); // so that later layers and summary() see the timesteps
            }
            list.layer(i, frozen(layers, frozen, i, layer));
            long[] in = i == 0 ? inputShape : outputShapes.get(i - 1);
            if (layers.get(i) instanceof Flatten && in.length == 2) {
                list.inputPreProcessor(i, new SequenceFlattening(in[0], in[1]));
            }
        }
        long[] outputShape = outputShapes.get(last);
        var output = OutputCheck.outputLayer(layers).toDl4jOutput(loss.lossFunction(outputShape[0]));
        list.layer(last, frozen(layers, frozen, last, output));
        // Layers leave nIn unset (DL4J infers it from the input type), except Embedding, whose nIn is the vocabulary.
        list.overrideNinUponBuild(false);
        list.setInputType(inputType(inputShape));
        return list.build();
    }

    /**
     * The network-wide settings: seed, float32, the optimiser and its clipping, and linear layers
     * unless told otherwise.
     *
     * @param inputPassedThrough whether a layer taking a network input hands that very array on
     */
    static NeuralNetConfiguration.Builder settings(Optimizer optimizer, long seed, boolean inputPassedThrough) {
        var network = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(optimizer.toDl4j())
                .activation(Activation.IDENTITY);
        if (inputPassedThrough) {
            // DL4J 1.0.0-M2.1 refuses, at inference, a first layer that hands on its input array itself
            // ("array is defined in incorrect workspace"); without inference workspaces it runs.
            network.inferenceWorkspaceMode(WorkspaceMode.NONE);
        }
        optimizer.clip().ifPresent(clip -> network.gradientNormalization(clip.toDl4j())
                .gradientNormalizationThreshold(clip.threshold()));
        return network;
    }

    /** Layer {@code i} as DL4J trains it: as it is, or frozen (see {@link #freeze}). */
    private static org.deeplearning4j.nn.conf.layers.Layer frozen(
            List<Layer> layers, Set<Integer> frozen, int i, org.deeplearning4j.nn.conf.layers.Layer layer) {
        if (!frozen.contains(i)) {
            return layer;
        }
        boolean prefix = java.util.stream.IntStream.range(0, i).allMatch(frozen::contains);
        return freeze(layers.get(i), layer, prefix, "layer " + i);
    }

    /**
     * A layer as DL4J trains it frozen: DL4J's FrozenLayer when no trainable layer comes before it
     * (no gradient is needed; batch norm then runs in inference mode, as Keras runs a frozen one),
     * else FrozenLayerWithBackprop, which passes gradients on and which DL4J cannot do for batch norm.
     *
     * @param where the layer as messages name it: {@code "layer 2"}, {@code "dense_1"}
     */
    static org.deeplearning4j.nn.conf.layers.Layer freeze(
            Layer ours, org.deeplearning4j.nn.conf.layers.Layer layer, boolean onlyFrozenBefore, String where) {
        if (onlyFrozenBefore) {
            return new FrozenLayer(layer);
        }
        if (ours instanceof BatchNorm) {
            throw new IllegalArgumentException(where + " (" + ours + ") can be frozen only with every layer"
                    + " before it: DL4J cannot pass gradients through a frozen batch normalization");
        }
        return new FrozenLayerWithBackprop(layer);
    }

    /** Layers that, in inference, return the very array they were given (Keras's Flatten(input_shape=...) first, say). */
    static boolean passesInputThrough(Layer layer) {
        return layer instanceof Flatten
                || layer instanceof Dropout
                || layer instanceof GaussianNoise
                || layer instanceof GaussianDropout
                || layer instanceof AlphaDropout;
    }

    /**
     * DL4J's input type for one example of Keras's shape: {@code (n)}, {@code (timesteps, features)}
     * (DL4J's NWC) or {@code (height, width, channels)} (which DL4J holds channels first).
     */
    public static InputType inputType(long[] shape) {
        if (shape.length == 1) {
            return InputType.feedForward(shape[0]);
        }
        if (shape.length == 2) {
            return InputType.recurrent(shape[1], shape[0], RNNFormat.NWC);
        }
        if (shape.length == 3) {
            return InputType.convolutional(shape[0], shape[1], shape[2]);
        }
        throw new IllegalArgumentException(
                "examples of shape " + Arrays.toString(shape)
                        + ": only feature vectors (n), sequences (timesteps, features) and images (height, width, channels) are supported");
    }
}
