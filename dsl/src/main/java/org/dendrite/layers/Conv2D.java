package org.dendrite.layers;

import java.util.Objects;
import org.dendrite.activations.Activation;
import org.dendrite.initializers.Initializer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A 2-D convolution: {@code filters} kernels of {@code kernel × kernel} weights slide over the
 * image (stride {@code stride}), each producing one output channel.
 *
 * <p>Input {@code (batch, height, width, channels)} in Keras's notation (DL4J holds it as
 * {@code [batch, channels, height, width]}); {@code kernel² × channels × filters} weights plus
 * {@code filters} biases. Keras's kernel layout is {@code (kh, kw, in, out)}, DL4J's
 * {@code [out, in, kh, kw]}: {@link #toKeras} and {@link #fromKeras} translate for
 * {@code getWeights}/{@code setWeights}.
 */
public record Conv2D(int filters, int kernel, int stride, Padding padding, Activation activation, Initializer initializer,
                     boolean useBias, WeightOptions options) implements Weighted {

    public Conv2D {
        if (filters <= 0 || kernel <= 0 || stride <= 0) {
            throw new IllegalArgumentException("Conv2D expects positive filters, kernel and stride, received filters=" + filters
                    + ", kernel=" + kernel + ", stride=" + stride);
        }
        Objects.requireNonNull(padding, "padding");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(initializer, "initializer");
        Objects.requireNonNull(options, "options");
    }

    @Override
    public String kind() {
        return "Conv2D";
    }

    @Override
    public Conv2D withOptions(WeightOptions options) {
        return new Conv2D(filters, kernel, stride, padding, activation, initializer, useBias, options);
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j() {
        var layer = new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).nOut(filters)
                .convolutionMode(padding.toDl4j()).activation(activation.toDl4j()).weightInit(initializer.toDl4j())
                .hasBias(useBias);
        options.applyTo(layer);
        return layer.build();
    }

    @Override
    public INDArray toKeras(String parameter, INDArray dl4j) {
        return parameter.equals("W") ? dl4j.permute(2, 3, 1, 0).dup('c') : Weighted.super.toKeras(parameter, dl4j);
    }

    @Override
    public INDArray fromKeras(String parameter, INDArray keras) {
        return parameter.equals("W") && keras.rank() == 4 ? keras.permute(3, 2, 0, 1).dup('c') : Weighted.super.fromKeras(parameter, keras);
    }

    /** E.g. {@code Conv2D(32, 3×3, relu)}; Keras's defaults (stride 1, valid, Glorot-uniform, bias) are left out. */
    @Override
    public String toString() {
        return "Conv2D(" + filters + ", " + kernel + "×" + kernel + ", " + activation
                + (stride == 1 ? "" : ", stride " + stride) + (padding == Padding.VALID ? "" : ", same")
                + (initializer.equals(Initializer.GLOROT_UNIFORM) ? "" : ", " + initializer) + (useBias ? "" : ", no bias")
                + options + ")";
    }
}
