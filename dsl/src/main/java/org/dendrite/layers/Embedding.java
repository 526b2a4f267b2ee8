package org.dendrite.layers;

import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.dendrite.initializers.Initializer;

/**
 * Turns each integer token of a sequence into a learnt vector: {@code (batch, timesteps)} of
 * indices in {@code 0..vocabulary-1} → {@code (batch, timesteps, dimensions)}. Keras's defaults:
 * uniform weights in [-0.05, 0.05], no bias. Compiles to DL4J's {@code EmbeddingSequenceLayer}.
 *
 * @param vocabulary the number of distinct tokens
 * @param dimensions the length of each token's vector
 */
public record Embedding(int vocabulary, int dimensions) implements Layer {

    public Embedding {
        if (vocabulary <= 0 || dimensions <= 0) {
            throw new IllegalArgumentException(
                    "Embedding expects a positive vocabulary and dimension, received vocabulary=" + vocabulary
                            + ", dimensions=" + dimensions);
        }
    }

    @Override
    public String kind() {
        return "Embedding";
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j() {
        return new EmbeddingSequenceLayer.Builder()
                .nIn(vocabulary)
                .nOut(dimensions)
                .hasBias(false)
                .weightInit(Initializer.UNIFORM.toDl4j())
                .outputDataFormat(RNNFormat.NWC)
                .inferInputLength(true)
                .build();
    }

    @Override
    public long[] outputShape(long[] input) {
        if (input.length != 1) {
            throw new IllegalArgumentException(
                    "Embedding expects a row of token indices (timesteps), received " + Shapes.what(input));
        }
        return new long[] {input[0], dimensions};
    }

    @Override
    public String toString() {
        return "Embedding(" + vocabulary + ", " + dimensions + ")";
    }
}
