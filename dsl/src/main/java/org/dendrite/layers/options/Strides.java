package org.dendrite.layers.options;

import java.io.Serializable;

/**
 * How far a convolution or pooling window moves, down and across (Keras's {@code strides}); if not
 * given, 1 for a convolution and the window's size for pooling.
 *
 * @param height rows moved, at least 1
 * @param width  columns moved, at least 1
 */
public record Strides(int height, int width) implements LayerOption, Serializable {

    public Strides {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException(
                    "strides must be positive, received strides=(" + height + ", " + width + ")");
        }
    }

    /** E.g. {@code strides(2)} or {@code strides(2, 1)}. */
    @Override
    public String toString() {
        return height == width ? "strides(" + height + ")" : "strides(" + height + ", " + width + ")";
    }
}
