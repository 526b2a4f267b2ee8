/**
 * Code run at fixed points of {@code fit}, as {@code keras.callbacks}: early stopping,
 * checkpoints, learning-rate schedules, a CSV log, or your own {@link org.dendrite.callbacks.Callback}.
 * Callbacks see the run in progress only through the {@link org.dendrite.callbacks.Training}
 * interface, never the model itself, so this package does not depend on {@code org.dendrite}.
 */
package org.dendrite.callbacks;
