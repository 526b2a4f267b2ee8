package org.dendrite.spark;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.dendrite.distribute.Epochs;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * The epochs of one fit on Spark: each is one {@code fit} of DL4J's {@code SparkDl4jMultiLayer}
 * (a {@code Sequential}) or {@code SparkComputationGraph} (a functional model) over the cached
 * mini-batches, which trains the model's own network in place (DL4J sets the averaged weights and
 * optimiser state on it after every round). The epoch's jobs run in a job group of their own, so
 * that a stop asked for mid-epoch cancels them; an epoch that fails otherwise (a lost cluster,
 * tasks failing past Spark's retries) ends the fit with an error naming the epoch.
 */
final class SparkEpochs implements Epochs {

    private static final long POLL_MILLIS = 50;

    private final JavaSparkContext context;
    private final ParameterAveragingTrainingMaster master;
    private final Model network;
    private final JavaRDD<?> data;
    private final Runnable fit;

    private SparkEpochs(
            JavaSparkContext context,
            ParameterAveragingTrainingMaster master,
            Model network,
            JavaRDD<?> data,
            Runnable fit) {
        this.context = context;
        this.master = master;
        this.network = network;
        this.data = data;
        this.fit = fit;
    }

    /**
     * Epochs over {@code dataSets} or {@code multiDataSets} (one of them null), kept by the executors
     * at {@code level} (DL4J's master persists the data again, so it is told the same level).
     */
    static SparkEpochs of(
            ParameterAveraging averaging,
            Model network,
            int batchSize,
            JavaRDD<DataSet> dataSets,
            JavaRDD<MultiDataSet> multiDataSets,
            StorageLevel level) {
        JavaSparkContext context = averaging.spark().context();
        ParameterAveragingTrainingMaster master = averaging.master(batchSize, seedOf(network), level);
        JavaRDD<?> data = dataSets != null ? dataSets : multiDataSets;
        data.persist(level);
        Runnable fit;
        if (network instanceof MultiLayerNetwork stack) {
            var spark = new SparkDl4jMultiLayer(context, stack, master);
            fit = () -> spark.fit(dataSets);
        } else {
            var spark = new SparkComputationGraph(context, (ComputationGraph) network, master);
            fit = dataSets != null ? () -> spark.fit(dataSets) : () -> spark.fitMultiDataSet(multiDataSets);
        }
        return new SparkEpochs(context, master, network, data, fit);
    }

    private static long seedOf(Model network) {
        return network instanceof MultiLayerNetwork stack
                ? stack.getLayerWiseConfigurations().getConf(0).getSeed()
                : ((ComputationGraph) network)
                        .getConfiguration()
                        .getDefaultConfiguration()
                        .getSeed();
    }

    @Override
    public Pass run(int epoch, boolean predictions, BooleanSupplier stopRequested) {
        EpochLoss loss = new EpochLoss(context);
        StepPredictions steps = predictions ? new StepPredictions(context) : null;
        master.setListeners(steps == null ? List.of(loss) : List.of(loss, steps));
        int epochCount = epochCount();
        String group = "dendrite-epoch-" + epoch + "-" + UUID.randomUUID();
        context.setJobGroup(group, "Dendrite: epoch " + epoch, true);
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dendrite-spark-stop-watcher");
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleWithFixedDelay(
                () -> {
                    if (stopRequested.getAsBoolean()) {
                        context.cancelJobGroup(group);
                    }
                },
                POLL_MILLIS,
                POLL_MILLIS,
                TimeUnit.MILLISECONDS);
        try {
            fit.run();
        } catch (Exception e) { // Spark's SparkException is checked, and thrown from Scala undeclared
            if (stopRequested.getAsBoolean()) {
                return null;
            }
            throw new IllegalStateException(
                    "training on Spark (" + context.master() + ") failed in epoch " + epoch + ": " + e.getMessage()
                            + "; the model keeps the weights of epoch " + (epoch - 1),
                    e);
        } finally {
            watcher.shutdownNow();
            context.clearJobGroup();
            setEpochCount(epochCount); // DL4J's fit counts the epoch; Dendrite's trainer counts it too
        }
        if (stopRequested.getAsBoolean()) {
            return null;
        }
        return steps == null
                ? new Pass(loss.loss(), loss.steps(), null, null)
                : new Pass(loss.loss(), loss.steps(), steps.predictions(), steps.labels());
    }

    private int epochCount() {
        return network instanceof MultiLayerNetwork stack
                ? stack.getEpochCount()
                : ((ComputationGraph) network).getConfiguration().getEpochCount();
    }

    private void setEpochCount(int count) {
        if (network instanceof MultiLayerNetwork stack) {
            stack.setEpochCount(count);
        } else {
            ((ComputationGraph) network).getConfiguration().setEpochCount(count);
        }
    }

    @Override
    public void close() {
        data.unpersist(false);
    }
}
