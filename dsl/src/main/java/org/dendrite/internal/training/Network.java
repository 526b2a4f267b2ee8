package org.dendrite.internal.training;

import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.dendrite.runtime.DirectLayers;
import org.dendrite.runtime.GraphUpdater;
import org.dendrite.runtime.NetworkUpdater;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * What training and scoring need of a DL4J network, whichever kind compiles the model: a
 * {@link MultiLayerNetwork} for a {@code Sequential}, a {@link ComputationGraph} for a functional
 * graph. The arithmetic is DL4J's own in both; only the calls differ.
 */
public sealed interface Network {

    static Network of(MultiLayerNetwork network) {
        return new Stack(network);
    }

    /** @param lossWeights each output's weight in the graph's loss, by which its output layer's score is scaled */
    static Network of(ComputationGraph graph, double[] lossWeights) {
        return new Graph(graph, lossWeights.clone());
    }

    /** One gradient step on a batch. */
    void fit(MultiDataSet batch);

    /** The loss of the last step (regularisation included). */
    double score();

    /** The loss on a batch with dropout off. */
    double score(MultiDataSet batch);

    /** The names of the outputs, in order. */
    List<String> outputs();

    /**
     * Each output's own loss as just computed (by a step or a {@link #score(MultiDataSet)}),
     * unweighted and without regularisation; empty when there is only one output.
     */
    double[] outputLosses();

    /** The outputs for {@code features} (one array per input), dropout off: one array per output. */
    INDArray[] output(INDArray... features);

    /** Every weight as one flat array (a view: changing it changes the network). */
    INDArray params();

    void setParams(INDArray params);

    void incrementEpochCount();

    void addListener(TrainingListener listener);

    void removeListener(TrainingListener listener);

    /** The learning rate of the first layer that has one, or null. */
    Double learningRate();

    void setLearningRate(double rate);

    /** DL4J's network itself. */
    Model dl4j();

    /** A {@code Sequential} model's network. */
    record Stack(MultiLayerNetwork network) implements Network {

        @Override
        public void fit(MultiDataSet batch) {
            network.fit(
                    batch.getFeatures(0),
                    batch.getLabels(0),
                    batch.getFeaturesMaskArray(0),
                    batch.getLabelsMaskArray(0));
        }

        @Override
        public double score() {
            return network.score();
        }

        @Override
        public double score(MultiDataSet batch) {
            return network.score(
                    new org.nd4j.linalg.dataset.DataSet(
                            batch.getFeatures(0),
                            batch.getLabels(0),
                            batch.getFeaturesMaskArray(0),
                            batch.getLabelsMaskArray(0)),
                    false);
        }

        @Override
        public List<String> outputs() {
            return List.of("output");
        }

        @Override
        public double[] outputLosses() {
            return new double[0];
        }

        @Override
        public INDArray[] output(INDArray... features) {
            INDArray direct = DirectLayers.output(network, features[0]);
            return new INDArray[] {direct != null ? direct : network.output(features[0], false)};
        }

        @Override
        public INDArray params() {
            return network.params();
        }

        @Override
        public void setParams(INDArray params) {
            network.setParams(params);
        }

        @Override
        public void incrementEpochCount() {
            network.incrementEpochCount();
        }

        @Override
        public void addListener(TrainingListener listener) {
            network.addListeners(listener);
        }

        @Override
        public void removeListener(TrainingListener listener) {
            network.getListeners().remove(listener);
        }

        @Override
        public Double learningRate() {
            for (int i = 0; i < network.getnLayers(); i++) {
                Double rate = network.getLearningRate(i);
                if (rate != null) {
                    return rate;
                }
            }
            return null;
        }

        @Override
        public void setLearningRate(double rate) {
            network.setLearningRate(rate);
            NetworkUpdater.install(network); // DL4J replaces the updater (keeping its state) when the rate changes
        }

        @Override
        public Model dl4j() {
            return network;
        }
    }

    /** A functional model's network; its output layers' losses are scaled by their weights. */
    record Graph(ComputationGraph graph, double[] lossWeights) implements Network {

        @Override
        public void fit(MultiDataSet batch) {
            graph.fit(batch);
        }

        @Override
        public double score() {
            return graph.score();
        }

        @Override
        public double score(MultiDataSet batch) {
            return graph.score(batch, false);
        }

        @Override
        public List<String> outputs() {
            return graph.getConfiguration().getNetworkOutputs();
        }

        @Override
        public double[] outputLosses() {
            if (outputs().size() == 1) {
                return new double[0];
            }
            double[] losses = new double[outputs().size()];
            for (int i = 0; i < losses.length; i++) {
                // DL4J adds the regularisation to the first output's score; Keras logs each output's own loss
                double score = graph.getOutputLayer(i).score() - (i == 0 ? graph.calcRegularizationScore(true) : 0);
                losses[i] = score / lossWeights[i];
            }
            return losses;
        }

        @Override
        public INDArray[] output(INDArray... features) {
            return graph.output(false, features);
        }

        @Override
        public INDArray params() {
            return graph.params();
        }

        @Override
        public void setParams(INDArray params) {
            graph.setParams(params);
        }

        @Override
        public void incrementEpochCount() {
            graph.getConfiguration().setEpochCount(graph.getConfiguration().getEpochCount() + 1);
        }

        @Override
        public void addListener(TrainingListener listener) {
            graph.addListeners(listener);
        }

        @Override
        public void removeListener(TrainingListener listener) {
            graph.getListeners().remove(listener);
        }

        @Override
        public Double learningRate() {
            for (var layer : graph.getLayers()) {
                Double rate = graph.getLearningRate(layer.conf().getLayer().getLayerName());
                if (rate != null) {
                    return rate;
                }
            }
            return null;
        }

        @Override
        public void setLearningRate(double rate) {
            graph.setLearningRate(rate);
            GraphUpdater.install(graph); // DL4J replaces the updater (keeping its state) when the rate changes
        }

        @Override
        public Model dl4j() {
            return graph;
        }
    }
}
