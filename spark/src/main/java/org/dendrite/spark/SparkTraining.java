package org.dendrite.spark;

import java.util.Objects;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A Spark cluster to train Dendrite models on, through DL4J's own Spark training
 * ({@code SparkDl4jMultiLayer} / {@code SparkComputationGraph}). The same model script runs
 * locally or on the cluster with one changed line:
 * <pre>{@code
 * try (var spark = SparkTraining.connect("spark://host:7077")) {
 *     var history = model.fit(spark.csv("hdfs:///data/train-*.csv").label(0).classes(10),
 *                             epochs(5).batch(128).on(spark.averagingEvery(5)));
 *     // in-memory data is partitioned from the driver: model.fit(train, epochs(5).on(spark.averagingEvery(5)))
 * }
 * model.evaluate(test);   // an ordinary local Model again: the trained weights are its own
 * }</pre>
 * Closing it stops the Spark context it started ({@link #connect}), not one it was given ({@link #on}).
 */
public final class SparkTraining implements AutoCloseable {

    private final JavaSparkContext context;
    private final boolean owned;

    private SparkTraining(JavaSparkContext context, boolean owned) {
        this.context = context;
        this.owned = owned;
    }

    /**
     * Starts a Spark context on {@code masterUrl} ({@code spark://host:7077}, {@code local[2]}, ...)
     * with DL4J's settings (Kryo with ND4J's registrator, one OpenMP thread per executor task). A
     * standalone master is checked first, within seconds: that it answers, and that it runs the
     * Spark version this driver was built with (see {@link MasterCheck}).
     *
     * @throws IllegalArgumentException naming the URL, when the master cannot be reached
     * @throws IllegalStateException    naming both versions, when the master runs another Spark
     */
    public static SparkTraining connect(String masterUrl) {
        return connect(masterUrl, new SparkConf());
    }

    /** As {@link #connect(String)}, with more Spark settings ({@code spark.executor.memory}, ...). */
    public static SparkTraining connect(String masterUrl, SparkConf conf) {
        Objects.requireNonNull(masterUrl, "masterUrl");
        MasterCheck.check(masterUrl, conf);
        SparkConf settings = conf.clone().setMaster(masterUrl);
        settings.setIfMissing("spark.app.name", "dendrite");
        settings.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        settings.setIfMissing("spark.kryo.registrator", "org.nd4j.kryo.Nd4jRegistrator");
        settings.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", "1");
        settings.setIfMissing("spark.ui.enabled", "false");
        return new SparkTraining(new JavaSparkContext(settings), true);
    }

    /** Trains on a Spark context the caller made and will stop; {@link #close()} leaves it running. */
    public static SparkTraining on(JavaSparkContext context) {
        return new SparkTraining(Objects.requireNonNull(context, "context"), false);
    }

    /**
     * CSV files to train on, read on the executors with DataVec (never collected through the
     * driver): a path or glob Hadoop understands ({@code hdfs:///data/train-*.csv},
     * {@code /shared/data/*.csv}: every worker must see it). Headerless, numbers only.
     */
    public SparkCsv csv(String pathOrGlob) {
        return new SparkCsv(this, pathOrGlob, -1, 0, ',');
    }

    /**
     * DL4J's parameter averaging: each worker takes {@code steps} gradient steps on its own batches,
     * then the workers' weights and optimiser states are averaged on the driver and sent out again.
     * Fewer steps between averages keep the workers closer to one model (accuracy nearer one JVM's)
     * at more communication per step. Give it to {@code Fit.on(...)}.
     */
    public ParameterAveraging averagingEvery(int steps) {
        return new ParameterAveraging(this, steps);
    }

    /** The Spark context in use. */
    public JavaSparkContext context() {
        return context;
    }

    /** The number of tasks Spark runs at once (its default parallelism): the workers averaged over. */
    public int workers() {
        return context.defaultParallelism();
    }

    /** The master URL, as messages name it. */
    public String master() {
        return context.master();
    }

    @Override
    public void close() {
        if (owned) {
            context.close();
        }
    }

    @Override
    public String toString() {
        return "SparkTraining[" + master() + ", " + workers() + " workers]";
    }
}
