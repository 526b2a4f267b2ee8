/**
 * Training somewhere other than this JVM, as Keras's {@code tf.distribute}: a {@link
 * org.dendrite.distribute.Strategy} given to {@code Fit.on(...)} says where the epochs run, and
 * {@link org.dendrite.distribute.DistributedData} is training data that already lies there. The
 * DSL knows only these interfaces; a module such as {@code dendrite-spark} implements them, so no
 * cluster library reaches the class path of a model trained on one machine.
 */
package org.dendrite.distribute;
