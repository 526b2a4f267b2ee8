package org.dendrite.layers;

import org.deeplearning4j.nn.conf.layers.Upsampling2D;

/** Repeats each row and column {@code size} times: {@code (h, w)} → {@code (size·h, size·w)}. */
public record UpSampling2D(int size) implements Layer {

    public UpSampling2D {
        if (size <= 0) {
            throw new IllegalArgumentException("UpSampling2D expects a positive size, received size=" + size);
        }
    }

    @Override
    public String kind() {
        return "UpSampling2D";
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j() {
        return new Upsampling2D.Builder(size).build();
    }

    @Override
    public long[] outputShape(long[] input) {
        Shapes.requireImage(kind(), input);
        return new long[] {input[0] * size, input[1] * size, input[2]};
    }

    @Override
    public String toString() {
        return "UpSampling2D(" + size + ")";
    }
}
