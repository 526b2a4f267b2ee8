package org.dendrite.layers;

import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;

/** The maximum or mean of each channel over the whole image: {@code (batch, h, w, c)} → {@code (batch, c)}. */
public record GlobalPooling2D(boolean max) implements Layer {

    @Override
    public String kind() {
        return max ? "GlobalMaxPooling2D" : "GlobalAveragePooling2D";
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j() {
        return new GlobalPoolingLayer.Builder(max ? PoolingType.MAX : PoolingType.AVG).build();
    }

    @Override
    public String toString() {
        return max ? "GlobalMaxPool()" : "GlobalAvgPool()";
    }
}
