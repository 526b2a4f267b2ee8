package org.dendrite.layers;

import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

/**
 * Max or average pooling over {@code size × size} windows, moving {@code stride} (Keras's
 * default: the window size), without padding unless {@code SAME}. No weights.
 *
 * @param max true for MaxPooling2D, false for AveragePooling2D
 */
public record Pooling2D(boolean max, int size, int stride, Padding padding) implements Layer {

    public Pooling2D {
        if (size <= 0 || stride <= 0) {
            throw new IllegalArgumentException((max ? "MaxPooling2D" : "AveragePooling2D")
                    + " expects positive size and stride, received size=" + size + ", stride=" + stride);
        }
    }

    @Override
    public String kind() {
        return max ? "MaxPooling2D" : "AveragePooling2D";
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j() {
        return new SubsamplingLayer.Builder(max ? PoolingType.MAX : PoolingType.AVG)
                .kernelSize(size, size).stride(stride, stride).convolutionMode(padding.toDl4j()).build();
    }

    @Override
    public String toString() {
        return (max ? "MaxPool(" : "AvgPool(") + size + (stride == size ? "" : ", stride " + stride)
                + (padding == Padding.VALID ? "" : ", same") + ")";
    }
}
