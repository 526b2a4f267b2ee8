package org.dendrite.layers;

import org.dendrite.layers.options.LayerOption;

/** A layer with trainable weights, which therefore takes {@link LayerOption}s. */
public sealed interface Weighted extends Layer permits Dense, Conv2D {

    WeightOptions options();

    /** The same layer with other options. */
    Weighted withOptions(WeightOptions options);

    /** One of this layer's DL4J parameter arrays ({@code "W"}, {@code "b"}, ...) in Keras's layout. */
    default org.nd4j.linalg.api.ndarray.INDArray toKeras(String parameter, org.nd4j.linalg.api.ndarray.INDArray dl4j) {
        return dl4j.dup();
    }

    /** A parameter array in Keras's layout, as DL4J holds it (the inverse of {@link #toKeras}). */
    default org.nd4j.linalg.api.ndarray.INDArray fromKeras(String parameter, org.nd4j.linalg.api.ndarray.INDArray keras) {
        return keras;
    }
}
