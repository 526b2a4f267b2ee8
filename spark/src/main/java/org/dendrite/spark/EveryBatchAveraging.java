package org.dendrite.spark;

import java.lang.reflect.Field;
import org.deeplearning4j.spark.api.WorkerConfiguration;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;

/**
 * DL4J's parameter averaging without the batches it drops. DL4J 1.0.0-M2 cuts an epoch into
 * {@code batches / (workers × steps)} rounds, rounded down, and lets each worker train at most
 * {@code steps} batches a round: the rest of its share is skipped, every epoch (Pima, 39 batches of
 * 16 on 2 workers averaging every 5: 30 trained, 134 of 614 examples never seen). Here each worker
 * trains every batch of its share, so a round where the batches do not divide evenly averages
 * after a few more steps than asked.
 */
final class EveryBatchAveraging extends ParameterAveragingTrainingMaster {

    private static final long serialVersionUID = 1L;

    EveryBatchAveraging(Builder settings) {
        super(settings);
    }

    @Override
    public ParameterAveragingTrainingWorker getWorkerInstance(SparkDl4jMultiLayer network) {
        return everyBatch(super.getWorkerInstance(network));
    }

    @Override
    public ParameterAveragingTrainingWorker getWorkerInstance(SparkComputationGraph graph) {
        return everyBatch(super.getWorkerInstance(graph));
    }

    /** Lifts the worker's cap of {@code steps} batches a round (0: none), which DL4J sets from the averaging frequency. */
    private static ParameterAveragingTrainingWorker everyBatch(ParameterAveragingTrainingWorker worker) {
        try {
            Field cap = WorkerConfiguration.class.getDeclaredField("maxBatchesPerWorker");
            cap.setAccessible(true);
            cap.setInt(worker.getDataConfiguration(), 0);
            return worker;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "DL4J's WorkerConfiguration has no maxBatchesPerWorker: not DL4J 1.0.0-M2", e);
        }
    }
}
