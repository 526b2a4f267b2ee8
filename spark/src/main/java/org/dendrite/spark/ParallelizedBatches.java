package org.dendrite.spark;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dendrite.distribute.DistributedData;
import org.dendrite.distribute.Epochs;
import org.dendrite.distribute.Strategy;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/** In-memory mini-batches partitioned from the driver over a Spark cluster (see {@link ParameterAveraging#distribute}). */
final class ParallelizedBatches implements DistributedData {

    /**
     * As objects (not serialised: DL4J's averaging rounds each walk the whole partition to pick
     * their batches, which serialised meant decoding all of it every round: 1.3 s a round for
     * MNIST), spilled to disk when they do not fit, on two executors.
     */
    private static final StorageLevel KEPT = StorageLevel.MEMORY_AND_DISK_2();

    private final ParameterAveraging averaging;
    private final List<MultiDataSet> batches;

    ParallelizedBatches(ParameterAveraging averaging, List<MultiDataSet> batches) {
        if (batches.isEmpty()) {
            throw new IllegalArgumentException("no batches to train on");
        }
        this.averaging = averaging;
        this.batches = List.copyOf(batches);
    }

    @Override
    public long[] exampleShape() {
        long[] shape = batches.get(0).getFeatures(0).shape();
        return java.util.Arrays.copyOfRange(shape, 1, shape.length);
    }

    @Override
    public long labelWidth() {
        return batches.get(0).getLabels(0).size(1);
    }

    @Override
    public String origin() {
        return batches.size() + " in-memory batches partitioned over " + averaging.spark();
    }

    @Override
    public Epochs train(Model network, Strategy strategy, int batchSize) {
        ParameterAveraging chosen = ParameterAveraging.of(strategy, averaging.spark(), origin());
        if (network instanceof ComputationGraph) {
            return SparkEpochs.of(chosen, network, batchSize, null, spread(batches), KEPT);
        }
        List<DataSet> single = batches.stream()
                .map(b -> new DataSet(
                        b.getFeatures(0), b.getLabels(0), b.getFeaturesMaskArray(0), b.getLabelsMaskArray(0)))
                .toList();
        return SparkEpochs.of(chosen, network, batchSize, spread(single), null, KEPT);
    }

    /**
     * The batches sent to the executors once, one partition per worker. A parallelised RDD's
     * partitions carry their data, so every task over it (every averaging round) would send it
     * again; cutting the lineage once the executors hold the batches (Spark's local checkpoint)
     * leaves the tasks small. With the lineage gone, a lost executor's batches cannot be sent
     * again: each is kept on two executors.
     */
    private <T> JavaRDD<T> spread(List<T> items) {
        JavaRDD<T> rdd =
                averaging.spark().context().parallelize(items, averaging.spark().workers());
        rdd.persist(KEPT);
        rdd.rdd().localCheckpoint();
        rdd.count();
        return rdd;
    }
}
