package org.dendrite.layers.options;

/**
 * An argument of a layer given after its size, in any order, as Keras's keyword arguments are:
 * {@code dense(64, RELU, HE, l2(1e-4), maxNorm(3))},
 * {@code conv2d(32, 3, RELU, strides(2), SAME, HE, useBias(false))}. Activations, initialisers,
 * padding, strides, {@code useBias}, regularisers, constraints and {@code dropout} are options; each
 * layer kind names the ones it takes and refuses the others. Each kind of option is given at most
 * once, as a keyword argument is.
 */
public interface LayerOption {}
