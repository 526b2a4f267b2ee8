/**
 * Not API: Dendrite's values as JSON and back, the encoding of the model file's
 * {@code dendrite.json} (Keras's {@code get_config}/{@code from_config} done once for every
 * record). Public only so that {@code org.dendrite} can reach it across packages, as OkHttp's
 * {@code okhttp3.internal}; it may change in any release without notice. The file format itself is
 * versioned and kept readable by {@code ModelFile}, not here.
 */
package org.dendrite.internal.format;
