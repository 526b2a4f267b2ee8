/**
 * What training minimises, named as Keras's {@code loss=} strings, each with its DL4J loss
 * function. A loss is also a metric ({@code compile(adam, mae, mse)}), so this package builds on
 * {@code org.dendrite.metrics} and not the other way round.
 */
package org.dendrite.losses;
