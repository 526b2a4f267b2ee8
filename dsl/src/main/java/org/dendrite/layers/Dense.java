package org.dendrite.layers;

import java.util.Objects;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.dendrite.activations.Activation;
import org.dendrite.constraints.Constraint;
import org.dendrite.initializers.Initializer;
import org.dendrite.layers.options.LayerOption;
import org.dendrite.layers.options.UseBias;
import org.dendrite.regularizers.Regularizer;
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
 * @param options     regularisers and constraint
 */
public record Dense(int units, Activation activation, Initializer initializer, boolean useBias, WeightOptions options)
        implements OutputCapable, Weighted {

    public Dense {
        if (units <= 0) {
            throw new IllegalArgumentException("Dense expects a positive number of units, received units=" + units);
        }
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(initializer, "initializer");
        Objects.requireNonNull(options, "options");
    }

    /**
     * A dense layer from Keras-style options in any order: an activation (if not given, linear),
     * an initializer (if not given, Glorot-uniform), {@code useBias(false)} (if not given, a bias),
     * kernel and bias regularisers, a constraint.
     *
     * @throws IllegalArgumentException for an option Dense does not take, or one given twice
     */
    public static Dense of(int units, LayerOption... options) {
        var given = new Arguments(
                "Dense",
                options,
                Activation.class,
                Initializer.class,
                UseBias.class,
                Regularizer.class,
                Regularizer.BiasRegularizer.class,
                Constraint.class);
        return new Dense(
                units,
                given.get(Activation.class, Activation.LINEAR),
                given.get(Initializer.class, Initializer.GLOROT_UNIFORM),
                given.get(UseBias.class, new UseBias(true)).on(),
                given.weightOptions());
    }

    @Override
    public String kind() {
        return "Dense";
    }

    @Override
    public Dense withOptions(WeightOptions options) {
        return new Dense(units, activation, initializer, useBias, options);
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j() {
        return configure(new DenseLayer.Builder()).build();
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4jOutput(ILossFunction loss) {
        return configure(new OutputLayer.Builder(loss)).build();
    }

    private <B extends BaseLayer.Builder<?>> B configure(B layer) {
        layer.activation(activation.toDl4j()).weightInit(initializer.toDl4j());
        if (layer instanceof DenseLayer.Builder dense) {
            dense.nOut(units).hasBias(useBias);
        } else if (layer instanceof OutputLayer.Builder output) {
            output.nOut(units).hasBias(useBias);
        }
        options.applyTo(layer, 0); // one norm per unit, over its inputs
        return layer;
    }

    @Override
    public long[] outputShape(long[] input) {
        if (input.length == 2) {
            throw new IllegalArgumentException("Dense expects a row of features (an image is flattened), received "
                    + Shapes.what(input) + "; end the recurrent layers with returnSequences false, or flatten()");
        }
        return new long[] {units}; // an image is flattened first, as DL4J does
    }

    /** E.g. {@code Dense(12, relu, he_normal, l2(1.0E-4))}; Keras's defaults are left out. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Dense(").append(units);
        if (!activation.equals(Activation.LINEAR) || !initializer.equals(Initializer.GLOROT_UNIFORM)) {
            s.append(", ").append(activation);
        }
        if (!initializer.equals(Initializer.GLOROT_UNIFORM)) {
            s.append(", ").append(initializer);
        }
        return s.append(useBias ? "" : ", no bias").append(options).append(')').toString();
    }
}
