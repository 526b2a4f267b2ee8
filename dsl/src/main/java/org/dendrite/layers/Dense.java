package org.dendrite.layers;

import org.dendrite.activations.Activation;
import org.dendrite.initializers.Initializer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * A fully connected layer: {@code output = activation(input · kernel + bias)}.
 *
 * <p>Input {@code (batch, n)}, output {@code (batch, units)}; {@code n × units} kernel weights
 * plus {@code units} biases. Keras's defaults: linear activation, Glorot-uniform kernel, zero bias.
 *
 * @param units       the number of outputs, at least 1
 * @param activation  applied to {@code input · kernel + bias}
 * @param initializer how the kernel starts; biases start at 0
 * @param useBias     whether the layer adds a bias vector
 */
public record Dense(int units, Activation activation, Initializer initializer, boolean useBias) implements OutputCapable {

    public Dense {
        if (units <= 0) {
            throw new IllegalArgumentException("Dense expects a positive number of units, received units=" + units);
        }
        java.util.Objects.requireNonNull(activation, "activation");
        java.util.Objects.requireNonNull(initializer, "initializer");
    }

    @Override
    public String kind() {
        return "Dense";
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j() {
        return new DenseLayer.Builder().nOut(units).activation(activation.toDl4j())
                .weightInit(initializer.toDl4j()).hasBias(useBias).build();
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4jOutput(ILossFunction loss) {
        return new OutputLayer.Builder(loss).nOut(units).activation(activation.toDl4j())
                .weightInit(initializer.toDl4j()).hasBias(useBias).build();
    }

    /** E.g. {@code Dense(12, relu, he_normal)}; Keras's defaults are left out. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Dense(").append(units);
        if (!activation.equals(Activation.LINEAR) || !initializer.equals(Initializer.GLOROT_UNIFORM)) {
            s.append(", ").append(activation);
        }
        if (!initializer.equals(Initializer.GLOROT_UNIFORM)) {
            s.append(", ").append(initializer);
        }
        return s.append(useBias ? "" : ", no bias").append(')').toString();
    }
}
