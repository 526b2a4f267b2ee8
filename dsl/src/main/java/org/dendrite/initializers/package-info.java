/**
 * How a layer's initial weights are drawn, named as in {@code keras.initializers}, each with its
 * DL4J weight initialisation (full normal where Keras truncates; see
 * {@link org.dendrite.initializers.Initializer}). One Keras module, one package, as for the rest
 * of the vocabulary.
 */
package org.dendrite.initializers;
