/**
 * The layer options given after a layer's size in any order, as Keras's keyword arguments:
 * {@link org.dendrite.layers.options.LayerOption} and the options that belong to no other
 * concept ({@code strides(...)}, {@code useBias(...)}). A leaf package, so that activations,
 * initialisers, regularisers and constraints can be options without a cycle through the layers.
 */
package org.dendrite.layers.options;
