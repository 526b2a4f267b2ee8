package org.dendrite.layers;

import java.util.Objects;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.dendrite.activations.Activation;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/** Applies an activation function to the previous layer's output (Keras's {@code Activation} layer); no weights. */
public record ActivationLayer(Activation activation) implements OutputCapable {

    public ActivationLayer {
        Objects.requireNonNull(activation, "activation");
    }

    @Override
    public String kind() {
        return "Activation";
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j() {
        return new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder()
                .activation(activation.toDl4j())
                .build();
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4jOutput(ILossFunction loss) {
        return new LossLayer.Builder(loss).activation(activation.toDl4j()).build();
    }

    /** The shape is unchanged. */
    @Override
    public long[] outputShape(long[] input) {
        return input.clone();
    }

    @Override
    public String toString() {
        return "Activation(" + activation + ")";
    }
}
