/**
 * File writing shared by every module: {@link org.dendrite.io.AtomicFiles} writes to a temporary
 * file and renames it into place, so a reader never sees a half-written model, log or chart.
 */
package org.dendrite.io;
