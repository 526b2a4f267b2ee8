/**
 * Numbers computed from a model's predictions and the true labels and logged per epoch, as
 * {@code keras.metrics}: accuracy, top-k accuracy, precision, recall, F1, AUC. Each computes
 * itself from the prediction and label arrays, reading labels as Keras does (a 0/1 column,
 * one-hot rows or class indices). Losses build on this package, as every loss is also a metric.
 */
package org.dendrite.metrics;
