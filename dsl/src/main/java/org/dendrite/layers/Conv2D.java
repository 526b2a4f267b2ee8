package org.dendrite.layers;

import java.util.Objects;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.dendrite.activations.Activation;
import org.dendrite.constraints.Constraint;
import org.dendrite.initializers.Initializer;
import org.dendrite.layers.options.LayerOption;
import org.dendrite.layers.options.Strides;
import org.dendrite.layers.options.UseBias;
import org.dendrite.regularizers.Regularizer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A 2-D convolution: {@code filters} kernels of {@code kernelHeight × kernelWidth} weights slide
 * over the image, {@code strides} at a time, each producing one output channel:
 * {@code output = activation(conv(input, kernel) + bias)}.
 *
 * <p>Input {@code (batch, height, width, channels)} in Keras's notation (DL4J holds it as
 * {@code [batch, channels, height, width]}); {@code kh × kw × channels × filters} weights plus
 * {@code filters} biases. Keras's defaults: linear activation, strides 1, valid padding,
 * Glorot-uniform kernel, zero bias. Keras's kernel layout is {@code (kh, kw, in, out)}, DL4J's
 * {@code [out, in, kh, kw]}: {@link #toKeras} and {@link #fromKeras} translate for
 * {@code getWeights}/{@code setWeights}.
 */
public record Conv2D(
        int filters,
        int kernelHeight,
        int kernelWidth,
        Strides strides,
        Padding padding,
        Activation activation,
        Initializer initializer,
        boolean useBias,
        WeightOptions options)
        implements Weighted {

    public Conv2D {
        if (filters <= 0 || kernelHeight <= 0 || kernelWidth <= 0) {
            throw new IllegalArgumentException("Conv2D expects positive filters and kernel size, received filters="
                    + filters + ", kernel=(" + kernelHeight + ", " + kernelWidth + ")");
        }
        Objects.requireNonNull(strides, "strides");
        Objects.requireNonNull(padding, "padding");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(initializer, "initializer");
        Objects.requireNonNull(options, "options");
    }

    /**
     * A convolution from Keras-style options in any order: an activation (if not given, linear),
     * {@code strides(...)} (if not given, 1), {@code SAME} or {@code VALID} (if not given, valid),
     * an initializer (if not given, Glorot-uniform), {@code useBias(false)}, regularisers, a
     * constraint (one norm per filter, as Keras's {@code axis=[0, 1, 2]}).
     *
     * @throws IllegalArgumentException for an option Conv2D does not take, or one given twice
     */
    public static Conv2D of(int filters, int kernelHeight, int kernelWidth, LayerOption... options) {
        var given = new Arguments(
                "Conv2D",
                options,
                Activation.class,
                Strides.class,
                Padding.class,
                Initializer.class,
                UseBias.class,
                Regularizer.class,
                Regularizer.BiasRegularizer.class,
                Constraint.class);
        return new Conv2D(
                filters,
                kernelHeight,
                kernelWidth,
                given.get(Strides.class, new Strides(1, 1)),
                given.get(Padding.class, Padding.VALID),
                given.get(Activation.class, Activation.LINEAR),
                given.get(Initializer.class, Initializer.GLOROT_UNIFORM),
                given.get(UseBias.class, new UseBias(true)).on(),
                given.weightOptions());
    }

    @Override
    public String kind() {
        return "Conv2D";
    }

    @Override
    public Conv2D withOptions(WeightOptions options) {
        return new Conv2D(
                filters, kernelHeight, kernelWidth, strides, padding, activation, initializer, useBias, options);
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j() {
        var layer = new ConvolutionLayer.Builder(kernelHeight, kernelWidth)
                .stride(strides.height(), strides.width())
                .nOut(filters)
                .convolutionMode(padding.toDl4j())
                .activation(activation.toDl4j())
                .weightInit(initializer.toDl4j())
                .hasBias(useBias);
        options.applyTo(layer, 1, 2, 3); // one norm per filter, as Keras's axis=[0, 1, 2]
        return layer.build();
    }

    @Override
    public INDArray toKeras(String parameter, INDArray dl4j) {
        return parameter.equals("W") ? dl4j.permute(2, 3, 1, 0).dup('c') : Weighted.super.toKeras(parameter, dl4j);
    }

    @Override
    public INDArray fromKeras(String parameter, INDArray keras) {
        return parameter.equals("W") && keras.rank() == 4
                ? keras.permute(3, 2, 0, 1).dup('c')
                : Weighted.super.fromKeras(parameter, keras);
    }

    @Override
    public long[] outputShape(long[] input) {
        Shapes.requireImage("Conv2D", input);
        return new long[] {
            Shapes.side("Conv2D", "height", input[0], kernelHeight, strides.height(), padding),
            Shapes.side("Conv2D", "width", input[1], kernelWidth, strides.width(), padding),
            filters
        };
    }

    /** E.g. {@code Conv2D(32, 3×3, relu)}; Keras's defaults (linear, stride 1, valid, Glorot-uniform, bias) are left out. */
    @Override
    public String toString() {
        return "Conv2D(" + filters + ", " + kernelHeight + "×" + kernelWidth
                + (activation.equals(Activation.LINEAR) ? "" : ", " + activation)
                + Windows.window(strides, new Strides(1, 1), padding)
                + (initializer.equals(Initializer.GLOROT_UNIFORM) ? "" : ", " + initializer)
                + (useBias ? "" : ", no bias")
                + options + ")";
    }
}
