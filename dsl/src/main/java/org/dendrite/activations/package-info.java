/**
 * Activation functions, named as in {@code keras.activations}, each with its DL4J translation.
 * One Keras module, one package, as for the rest of the vocabulary: an activation is a layer
 * option and a layer of its own, so it belongs to neither.
 */
package org.dendrite.activations;
