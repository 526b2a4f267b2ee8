package org.dendrite.layers;

import org.dendrite.layers.options.LayerOption;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A layer with trainable weights, which therefore takes {@link LayerOption}s. */
public sealed interface Weighted extends Layer permits Dense, Conv2D {

    WeightOptions options();

    /** The same layer with other options. */
    Weighted withOptions(WeightOptions options);

    /** One of this layer's DL4J parameter arrays ({@code "W"}, {@code "b"}, ...) in Keras's layout. */
    default INDArray toKeras(String parameter, INDArray dl4j) {
        return dl4j.dup();
    }

    /** A parameter array in Keras's layout, as DL4J holds it (the inverse of {@link #toKeras}). */
    default INDArray fromKeras(String parameter, INDArray keras) {
        return keras;
    }
}
