/**
 * The model classes a Keras script uses: {@link org.dendrite.Dendrite}, the whole vocabulary in
 * one static import; {@link org.dendrite.Sequential}, the layer stack; {@link org.dendrite.Model},
 * the compiled network with {@code fit}, {@code evaluate}, {@code predict}, {@code save} and
 * {@code load}; and what they return ({@link org.dendrite.Fit}, {@link org.dendrite.History},
 * {@link org.dendrite.Evaluation}, {@link org.dendrite.Summary}). The only package that reaches
 * {@code org.dendrite.internal}.
 */
package org.dendrite;
