/**
 * Not API: the machinery behind {@code fit} (the epoch loop, mini-batching, scoring, Keras's
 * progress output, and {@code TrainingRun}, the state of one run behind the
 * {@link org.dendrite.callbacks.Training} interface callbacks see). Public only so that
 * {@code org.dendrite} can reach it across packages, as OkHttp's {@code okhttp3.internal}; it may
 * change in any release without notice.
 */
package org.dendrite.internal.training;
