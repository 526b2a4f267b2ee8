package org.dendrite.layers.options;

/**
 * An extra argument of a layer with weights, given after the initialiser:
 * {@code dense(64, RELU, HE, l2(1e-4), maxNorm(3), dropout(0.2))}. Regularisers, constraints
 * and input dropout are options.
 */
public interface LayerOption {
}
