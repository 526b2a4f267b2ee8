/**
 * The layers of a {@link org.dendrite.Sequential} model, one immutable type per Keras layer
 * ({@code Dense}, {@code Conv2D}, {@code LSTM}, {@code Dropout}, ...), each checking its arguments
 * when built and knowing its DL4J form. {@link org.dendrite.layers.Layer} is sealed, so a layer
 * that exists is a layer that compiles and a {@code switch} over layers can be exhaustive.
 */
package org.dendrite.layers;
