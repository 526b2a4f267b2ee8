/**
 * Everything that tunes or patches ND4J/DL4J 1.0.0-M2.1, in one place to revisit on an upgrade:
 * the native settings applied however a program starts ({@link org.dendrite.runtime.NativeDefaults}),
 * the op executioner and updater that skip DL4J's detours, Keras's plain momentum as a DL4J
 * updater, and Keras's masked recurrent layers ({@link org.dendrite.runtime.MaskedRecurrent}). Each patch names the release it was written for ({@link org.dendrite.runtime.Dl4jVersion})
 * and warns once on another. It knows nothing of the DSL or the data sets.
 */
package org.dendrite.runtime;
