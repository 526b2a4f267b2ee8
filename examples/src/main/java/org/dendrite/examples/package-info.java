/**
 * Runnable tutorials, each a single file to read top to bottom like the Keras tutorial it redoes
 * (Pima, XOR, a 2-D decision boundary, MNIST MLP and CNN, a residual CNN and wide and deep in the
 * functional API, transfer learning and autoencoder features on MNIST), each with a test of what
 * it prints.
 */
package org.dendrite.examples;
