package org.dendrite;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.dendrite.plots.Charts;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * What {@code fit} logged, one value per epoch for each name: {@code "loss"}, the compiled
 * metrics ({@code "accuracy"}) and their {@code "val_"} forms when there is validation data.
 * Keras's {@code History.history}, plus why and when training stopped.
 */
public final class History {

    private final Map<String, List<Double>> values = new LinkedHashMap<>();
    /** The epoch (from 1) of each value, by name: {@code val_} values only in validated epochs. */
    private final Map<String, List<Integer>> epochsOf = new LinkedHashMap<>();

    private int stoppedEpoch;
    private String stopReason;
    private int markedBest;

    /** Records one epoch's values (called once per finished epoch). */
    void record(int epoch, Map<String, Double> logs) {
        logs.forEach((name, value) -> {
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            epochsOf.computeIfAbsent(name, k -> new ArrayList<>()).add(epoch);
        });
    }

    /** What a backup keeps of this history: every series and its epochs. */
    record Snapshot(LinkedHashMap<String, ArrayList<Double>> values, LinkedHashMap<String, ArrayList<Integer>> epochs)
            implements java.io.Serializable {}

    Snapshot snapshot() {
        LinkedHashMap<String, ArrayList<Double>> v = new LinkedHashMap<>();
        values.forEach((k, series) -> v.put(k, new ArrayList<>(series)));
        LinkedHashMap<String, ArrayList<Integer>> e = new LinkedHashMap<>();
        epochsOf.forEach((k, series) -> e.put(k, new ArrayList<>(series)));
        return new Snapshot(v, e);
    }

    /** Takes back what {@link #snapshot()} handed out (a resumed run). */
    void restore(Snapshot snapshot) {
        values.clear();
        epochsOf.clear();
        snapshot.values().forEach((k, series) -> values.put(k, new ArrayList<>(series)));
        snapshot.epochs().forEach((k, series) -> epochsOf.put(k, new ArrayList<>(series)));
    }

    /** Records how the run ended (called once, after training). */
    void finish(int stoppedEpoch, String stopReason, int bestEpoch) {
        this.stoppedEpoch = stoppedEpoch;
        this.stopReason = stopReason;
        this.markedBest = bestEpoch;
    }

    /** The number of epochs completed (in this run: from {@code initialEpoch + 1}). */
    public int epochs() {
        return values.isEmpty() ? 0 : values.values().iterator().next().size();
    }

    /**
     * The epochs (from 1) at which {@code name} was logged, one per value of {@link #metric}:
     * Keras's {@code History.epoch}, for {@code val_} values only the validated epochs.
     */
    public List<Integer> epochsOf(String name) {
        metric(name);
        return Collections.unmodifiableList(epochsOf.get(name));
    }

    /** The training loss per epoch (the batch losses' mean, weighted by batch size). */
    public List<Double> loss() {
        return metric("loss");
    }

    /** A logged value per epoch, e.g. {@code metric("val_accuracy")}. */
    public List<Double> metric(String name) {
        List<Double> series = values.get(name);
        if (series == null) {
            throw new IllegalArgumentException("no metric \"" + name + "\" was logged; logged: " + values.keySet());
        }
        return Collections.unmodifiableList(series);
    }

    /** Every logged series by name, in logging order. */
    public Map<String, List<Double>> asMap() {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(copy);
    }

    /** The epoch (from 1) in which training was stopped early, or 0 if it ran every epoch. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** Why training stopped early (early stopping, a NaN loss, a stop request), or null. */
    public String stopReason() {
        return stopReason;
    }

    /**
     * The best epoch (from 1): as judged by early stopping when it ran, else the epoch with the
     * lowest {@code val_loss}, else the lowest {@code loss}; 0 before any epoch.
     */
    public int bestEpoch() {
        if (markedBest > 0 || values.isEmpty()) {
            return markedBest;
        }
        String name = values.containsKey("val_loss") ? "val_loss" : "loss";
        List<Double> series = values.get(name);
        return epochsOf.get(name)
                .get(IntStream.range(0, series.size())
                        .boxed()
                        .min((a, b) -> Double.compare(series.get(a), series.get(b)))
                        .orElse(0));
    }

    /**
     * Draws the loss and every metric per epoch into a PNG (losses on one chart, the other metrics
     * on a second one beside it), written atomically.
     */
    public void plot(Path png) throws IOException {
        List<XYChart> charts = new ArrayList<>();
        charts.add(chart(
                "Loss", values.keySet().stream().filter(n -> n.endsWith("loss")).toList()));
        List<String> others =
                values.keySet().stream().filter(n -> !n.endsWith("loss")).toList();
        if (!others.isEmpty()) {
            charts.add(chart("Metrics", others));
        }
        Charts.savePng(png, charts, 600, 400);
    }

    private XYChart chart(String title, List<String> names) {
        XYChart chart = new XYChartBuilder()
                .width(600)
                .height(400)
                .title(title)
                .xAxisTitle("epoch")
                .build();
        for (String name : names) {
            List<Double> series = values.get(name);
            chart.addSeries(
                    name, epochsOf.get(name).stream().map(Integer::doubleValue).toList(), series);
        }
        return chart;
    }

    /** E.g. {@code History[150 epochs; last: loss 0.4871 - accuracy 0.7687]}. */
    @Override
    public String toString() {
        if (values.isEmpty()) {
            return "History[no epochs]";
        }
        return "History[" + epochs() + " epoch" + (epochs() == 1 ? "" : "s") + "; last: "
                + values.entrySet().stream()
                        .map(e -> String.format(
                                Locale.ROOT,
                                "%s %.4f",
                                e.getKey(),
                                e.getValue().get(e.getValue().size() - 1)))
                        .collect(Collectors.joining(" - "))
                + (stopReason == null ? "" : "; stopped at epoch " + stoppedEpoch) + "]";
    }
}
