/**
 * Models trained in Python Keras, opened as Dendrite models ({@link org.dendrite.keras.Keras}): a
 * module of its own so that the HDF5 reader comes only to those who read Keras files.
 */
package org.dendrite.keras;
