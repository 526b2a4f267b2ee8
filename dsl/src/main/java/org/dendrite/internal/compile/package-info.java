/**
 * Not API: the machinery behind {@code compile} and the checks before training (the DL4J
 * configuration builder, output/loss and data checks). Public only so that {@code org.dendrite}
 * can reach it across packages, as OkHttp's {@code okhttp3.internal}; it may change in any release
 * without notice. {@code ArchitectureTest} keeps every other package from depending on it.
 */
package org.dendrite.internal.compile;
