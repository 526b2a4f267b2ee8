/**
 * Labelled data for training, in the spirit of {@code keras.datasets}: the in-memory
 * {@link org.dendrite.datasets.Dataset}, the bundled Pima data, MNIST-format files, CSV files and
 * feature scaling, with errors that name file, line and column. A module of its own that knows
 * nothing of the DSL: its data sets and iterators feed plain DL4J networks as well.
 */
package org.dendrite.datasets;
