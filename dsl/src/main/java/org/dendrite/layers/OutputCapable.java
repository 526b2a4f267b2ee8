package org.dendrite.layers;

import org.dendrite.activations.Activation;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/** A layer that may end a model; there it becomes DL4J's output layer, which also holds the loss. */
public sealed interface OutputCapable extends Layer permits Dense, ActivationLayer {

    /** The activation of the model's outputs when this layer comes last. */
    Activation activation();

    /** This layer as DL4J's final layer, computing {@code loss} on its activations. */
    org.deeplearning4j.nn.conf.layers.Layer toDl4jOutput(ILossFunction loss);
}
