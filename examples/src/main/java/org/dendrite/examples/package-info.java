/**
 * Runnable tutorials, each a single file to read top to bottom like the Keras tutorial it redoes
 * (Pima, XOR, a 2-D decision boundary, MNIST MLP and CNN, transfer learning and autoencoder
 * features on MNIST), each with a test of what it prints.
 */
package org.dendrite.examples;
