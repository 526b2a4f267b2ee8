/**
 * Benchmarks that print figures (not part of {@code mvn test}): Dendrite against raw DL4J builders,
 * PyTorch (each side with its fastest correct OpenBLAS kernel family, and PyTorch as installed) and
 * DJL on the same workloads, single operations, inference, start-up, data loading and peak memory;
 * see bench/README.md.
 */
package org.dendrite.bench;
