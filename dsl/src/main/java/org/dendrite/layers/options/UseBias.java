package org.dendrite.layers.options;

/**
 * Whether a layer with weights adds a bias vector (Keras's {@code use_bias}); if not given, it does.
 *
 * @param on true to add biases
 */
public record UseBias(boolean on) implements LayerOption {

    @Override
    public String toString() {
        return "useBias(" + on + ")";
    }
}
