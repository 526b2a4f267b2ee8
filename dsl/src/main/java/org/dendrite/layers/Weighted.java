package org.dendrite.layers;

/** A layer with trainable weights, which therefore takes {@link LayerOption}s. */
public interface Weighted extends Layer {

    WeightOptions options();

    /** The same layer with other options. */
    Weighted withOptions(WeightOptions options);
}
