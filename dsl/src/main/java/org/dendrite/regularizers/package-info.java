/**
 * Penalties on the size of weights added to the loss, as in {@code keras.regularizers}: L1, L2
 * and both. The one place that translates Keras's scale to DL4J's (DL4J halves the L2 term).
 */
package org.dendrite.regularizers;
