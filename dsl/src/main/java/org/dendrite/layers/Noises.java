package org.dendrite.layers;

import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;

/** What the dropout and noise layers share: their argument checks and the DL4J layer that applies the noise in training only. */
final class Noises {

    private Noises() {}

    static void requireRate(String kind, double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(
                    kind + " expects a rate in [0, 1) (the fraction dropped), received rate=" + rate);
        }
    }

    static org.deeplearning4j.nn.conf.layers.Layer layer(IDropout noise) {
        return new DropoutLayer.Builder().dropOut(noise).build();
    }
}
