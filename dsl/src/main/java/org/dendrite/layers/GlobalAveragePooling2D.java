package org.dendrite.layers;

import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;

/** The mean of each channel over the whole image: {@code (batch, h, w, c)} → {@code (batch, c)}. No weights. */
public record GlobalAveragePooling2D() implements Layer {

    @Override
    public String kind() {
        return "GlobalAveragePooling2D";
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j() {
        return new GlobalPoolingLayer.Builder(PoolingType.AVG).build();
    }

    @Override
    public long[] outputShape(long[] input) {
        return Windows.globalOutputShape(kind(), input);
    }

    @Override
    public String toString() {
        return "GlobalAvgPool()";
    }
}
