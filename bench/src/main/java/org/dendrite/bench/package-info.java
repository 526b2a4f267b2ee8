/**
 * Benchmarks that print figures (not part of {@code mvn test}): Dendrite against raw DL4J builders
 * and PyTorch on the same workloads, data loading, and peak memory; see bench/README.md.
 */
package org.dendrite.bench;
