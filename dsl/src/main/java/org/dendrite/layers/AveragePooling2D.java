package org.dendrite.layers;

import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.dendrite.layers.options.LayerOption;
import org.dendrite.layers.options.Strides;

/**
 * The mean of each {@code size × size} window of each channel, the window moving {@code stride}
 * (Keras's default: the window size), without padding unless {@code SAME}. No weights.
 *
 * @param size    the window's height and width, at least 1
 * @param strides how far the window moves (Keras's default: the window's size)
 * @param padding {@code VALID} (Keras's default) or {@code SAME}
 */
public record AveragePooling2D(int size, Strides strides, Padding padding) implements Layer {

    public AveragePooling2D {
        Windows.require("AveragePooling2D", size, strides, padding);
    }

    /**
     * Pooling from Keras-style options: {@code strides(...)} (if not given, the pool size) and
     * {@code SAME} or {@code VALID} (if not given, valid).
     */
    public static AveragePooling2D of(int size, LayerOption... options) {
        var given = Windows.arguments("AveragePooling2D", options);
        return new AveragePooling2D(
                size,
                given.get(Strides.class, new Strides(Math.max(size, 1), Math.max(size, 1))),
                given.get(Padding.class, Padding.VALID));
    }

    @Override
    public String kind() {
        return "AveragePooling2D";
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j() {
        return Windows.pooling(PoolingType.AVG, size, strides, padding);
    }

    @Override
    public long[] outputShape(long[] input) {
        return Windows.outputShape("AveragePooling2D", input, size, strides, padding);
    }

    /** E.g. {@code AvgPool(2)} or {@code AvgPool(3, strides(2), same)}. */
    @Override
    public String toString() {
        return Windows.describe("AvgPool", size, strides, padding);
    }
}
