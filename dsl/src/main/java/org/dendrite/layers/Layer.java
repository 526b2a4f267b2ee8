package org.dendrite.layers;

import java.io.Serializable;

/**
 * One step of a {@link org.dendrite.Sequential} model: its Keras-style arguments and its DL4J
 * form. Layers never repeat their input size: DL4J infers it from the layer before, as Keras does
 * in {@code build(input_shape)}.
 *
 * <p>Sealed: one immutable type per Keras layer, each checking its arguments when built, so a
 * layer that exists is a layer that compiles. {@code switch} over a layer can be exhaustive.
 */
public sealed interface Layer extends Serializable
        permits Weighted,
                OutputCapable,
                Dropout,
                BatchNorm,
                Flatten,
                Embedding,
                UpSampling2D,
                ZeroPadding2D,
                LSTM,
                SimpleRNN,
                Masking,
                MaxPooling2D,
                AveragePooling2D,
                GlobalMaxPooling2D,
                GlobalAveragePooling2D,
                GaussianNoise,
                GaussianDropout,
                AlphaDropout {

    /** Keras's class name for this kind of layer, as {@code summary()} shows it: {@code "Dense"}. */
    String kind();

    /**
     * The shape of one example after this layer, given the shape before it (Keras's
     * {@code compute_output_shape}); see {@link Shapes} for the notation.
     *
     * @throws IllegalArgumentException saying what this layer needs and what it received
     */
    long[] outputShape(long[] input);

    /** This layer as a DL4J layer configuration in a hidden (non-final) position. */
    org.deeplearning4j.nn.conf.layers.Layer toDl4j();
}
