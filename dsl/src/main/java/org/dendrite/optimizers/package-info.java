/**
 * How gradients become weight updates, named and defaulted as in {@code keras.optimizers}, each
 * an immutable record of Keras's arguments that translates to a DL4J updater; gradient clipping
 * ({@code clipNorm}, {@code clipValue}) wraps any of them.
 */
package org.dendrite.optimizers;
