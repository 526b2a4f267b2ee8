package org.dendrite.layers;

import java.util.Locale;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.dendrite.layers.options.LayerOption;

/** Keras's {@code padding} argument of convolution and pooling layers. */
public enum Padding implements LayerOption {
    /** No padding: the output shrinks by {@code kernel - 1} (Keras's default). DL4J's {@code Truncate}. */
    VALID(ConvolutionMode.Truncate),
    /** Zero padding so that, with stride 1, the output keeps the input's height and width. DL4J's {@code Same}. */
    SAME(ConvolutionMode.Same);

    private final ConvolutionMode dl4j;

    Padding(ConvolutionMode dl4j) {
        this.dl4j = dl4j;
    }

    public ConvolutionMode toDl4j() {
        return dl4j;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
