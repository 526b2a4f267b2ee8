package org.dendrite.spark;

import java.util.List;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.dendrite.distribute.DistributedData;
import org.dendrite.distribute.Strategy;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * DL4J's parameter averaging on a Spark cluster ({@code ParameterAveragingTrainingMaster}): made by
 * {@link SparkTraining#averagingEvery(int)}, given to {@code Fit.on(...)}. Each worker trains
 * {@code steps} mini-batches of its own, then the driver averages the workers' weights and
 * optimiser states and sends them out for the next round; an epoch is rounds until every batch
 * has been trained on once.
 *
 * <p>Settings chosen for DL4J 1.0.0-M2 and why: the {@code Direct} training approach (the RDD
 * holds ready mini-batches; DL4J's default {@code Export} refuses a cluster whose file system is
 * local), the optimiser state averaged and kept ({@code saveUpdater}, as one JVM keeps Adam's
 * moments), no prefetch thread, repartitioning only when the partitions do not match the workers,
 * every batch trained ({@link EveryBatchAveraging}: DL4J's own master skips some), and Dendrite's
 * direct layers and optimiser steps on the workers ({@link DirectPaths}).
 */
public final class ParameterAveraging implements Strategy {

    private final SparkTraining spark;
    private final int steps;

    ParameterAveraging(SparkTraining spark, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps between averages must be at least 1, received steps=" + steps);
        }
        this.spark = spark;
        this.steps = steps;
    }

    /** The strategy to train {@code data} with: the one given, which must be this cluster's, or averaging every 5 steps. */
    static ParameterAveraging of(Strategy given, SparkTraining spark, String data) {
        if (given == null) {
            return spark.averagingEvery(5); // DL4J's default averaging frequency
        }
        if (!(given instanceof ParameterAveraging averaging) || averaging.spark != spark) {
            throw new IllegalArgumentException(data + " lies on " + spark + " but Fit.on(" + given
                    + ") trains elsewhere: use that cluster's strategy, e.g. spark.averagingEvery(5)");
        }
        return averaging;
    }

    /** Gradient steps each worker takes between averages. */
    public int steps() {
        return steps;
    }

    SparkTraining spark() {
        return spark;
    }

    /**
     * The in-memory batches spread over the cluster from the driver (Spark's {@code parallelize}),
     * one partition per worker, kept there for every epoch (in memory, spilling to disk, on two
     * executors: the driver's copy is not sent again, so a lost executor's part must survive elsewhere).
     */
    @Override
    public DistributedData distribute(List<MultiDataSet> batches) {
        return new ParallelizedBatches(this, batches);
    }

    /** DL4J's training master for mini-batches of {@code batchSize}, seeded for reproducible splits, its data kept at {@code level}. */
    ParameterAveragingTrainingMaster master(int batchSize, long seed, StorageLevel level) {
        var master = new EveryBatchAveraging(new ParameterAveragingTrainingMaster.Builder(spark.workers(), batchSize)
                .batchSizePerWorker(batchSize)
                .averagingFrequency(steps)
                .workerPrefetchNumBatches(0)
                .saveUpdater(true)
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .repartionData(Repartition.NumPartitionsWorkersDiffers)
                .storageLevel(level)
                .rngSeed(seed));
        master.addHook(new DirectPaths());
        return master;
    }

    @Override
    public String toString() {
        return "parameter averaging every " + steps + " steps on " + spark.master();
    }
}
