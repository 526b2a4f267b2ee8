package org.dendrite.spark;

import java.io.Serializable;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.dendrite.internal.training.OutputPredictions;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Each step's predictions and labels on the workers, sent back to the driver with the epoch, where
 * the model's training metrics are computed from them as Keras computes them: from the step's own
 * forward pass, not a second pass. Costs one prediction per training example on the wire (e.g.
 * 60,000 × 10 floats, 2.4 MB, for an MNIST epoch), and only when the model has metrics.
 */
final class StepPredictions extends BaseTrainingListener implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * One array as plain Java values and its shape: ND4J arrays in Spark's task results came back
     * with garbage in them.
     */
    private record Values(float[] values, long[] shape) implements Serializable {
        static Values of(INDArray array) {
            return new Values(array.dup('c').data().asFloat(), array.shape());
        }

        INDArray array() {
            return Nd4j.create(values, shape, 'c');
        }
    }

    /** Per step: {predictions per output, labels per output}. */
    private final CollectionAccumulator<Values[][]> steps;

    StepPredictions(JavaSparkContext context) {
        steps = context.sc().collectionAccumulator("dendrite step predictions");
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        MultiLayerNetwork net = (MultiLayerNetwork) model;
        add(new INDArray[] {OutputPredictions.of(net, activations)}, new INDArray[] {net.getLabels()});
    }

    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        ComputationGraph graph = (ComputationGraph) model;
        add(OutputPredictions.of(graph, activations), labels(graph));
    }

    private void add(INDArray[] predictions, INDArray[] labels) {
        Values[][] step = new Values[2][predictions.length];
        for (int i = 0; i < predictions.length; i++) {
            step[0][i] = Values.of(predictions[i]);
            step[1][i] = Values.of(labels[i]);
        }
        steps.add(step);
    }

    /** A graph's labels while it fits: DL4J 1.0.0-M2's ComputationGraph has no getter for them. */
    private static INDArray[] labels(ComputationGraph graph) {
        try {
            return (INDArray[]) GraphLabels.FIELD.get(graph);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The graph's private labels field, looked up once per worker JVM, not once per step. */
    private static final class GraphLabels {
        static final Field FIELD = find();

        private static Field find() {
            try {
                Field field = ComputationGraph.class.getDeclaredField("labels");
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException(
                        "DL4J's ComputationGraph keeps no labels field: not DL4J 1.0.0-M2.1", e);
            }
        }
    }

    /** Every step's predictions stacked, one array per output, rows matching {@link #labels()}. */
    INDArray[] predictions() {
        return stacked(0);
    }

    /** Every step's labels stacked, one array per output. */
    INDArray[] labels() {
        return stacked(1);
    }

    private INDArray[] stacked(int part) {
        List<Values[][]> all = steps.value();
        if (all.isEmpty()) {
            return null;
        }
        INDArray[] stacked = new INDArray[all.get(0)[part].length];
        for (int output = 0; output < stacked.length; output++) {
            int o = output;
            stacked[output] = Nd4j.concat(
                    0, all.stream().map(step -> step[part][o].array()).toArray(INDArray[]::new));
        }
        return stacked;
    }
}
