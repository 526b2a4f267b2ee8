package org.dendrite.layers;

import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;

/** Adds {@code pad} rows of zeros above and below and {@code pad} columns left and right of each image. */
public record ZeroPadding2D(int pad) implements Layer {

    public ZeroPadding2D {
        if (pad <= 0) {
            throw new IllegalArgumentException("ZeroPadding2D expects a positive padding, received pad=" + pad);
        }
    }

    @Override
    public String kind() {
        return "ZeroPadding2D";
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j() {
        return new ZeroPaddingLayer.Builder(pad, pad).build();
    }

    @Override
    public long[] outputShape(long[] input) {
        Shapes.requireImage(kind(), input);
        return new long[] {input[0] + 2L * pad, input[1] + 2L * pad, input[2]};
    }

    @Override
    public String toString() {
        return "ZeroPadding2D(" + pad + ")";
    }
}
