/**
 * Rules the kernel must satisfy after every update, as in {@code keras.constraints}: max-norm,
 * non-negative, unit-norm, with norms taken per unit of a Dense layer and per filter of a Conv2D
 * layer, as Keras takes them. A package of its own because a constraint is both a layer option
 * ({@code dense(64, maxNorm(3))}) and a call after a layer ({@code .maxNorm(3)}).
 */
package org.dendrite.constraints;
