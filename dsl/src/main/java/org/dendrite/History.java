package org.dendrite;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ArrayList;
import java.util.stream.Collectors;

/**
 * What {@code fit} logged, one value per epoch for each name: {@code "loss"}, the compiled
 * metrics ({@code "accuracy"}) and their {@code "val_"} forms when there is validation data.
 * Keras's {@code History.history}.
 */
public final class History {

    private final Map<String, List<Double>> values = new LinkedHashMap<>();

    /** Records one epoch's values (called by the trainer at the end of each epoch). */
    void record(Map<String, Double> epoch) {
        epoch.forEach((name, value) -> values.computeIfAbsent(name, k -> new ArrayList<>()).add(value));
    }

    /** The number of epochs completed. */
    public int epochs() {
        return values.isEmpty() ? 0 : values.values().iterator().next().size();
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

    /** E.g. {@code History[150 epochs; last: loss 0.4871 - accuracy 0.7687]}. */
    @Override
    public String toString() {
        if (values.isEmpty()) {
            return "History[no epochs]";
        }
        return "History[" + epochs() + " epoch" + (epochs() == 1 ? "" : "s") + "; last: " + values.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.4f", e.getKey(), e.getValue().get(e.getValue().size() - 1)))
                .collect(Collectors.joining(" - ")) + "]";
    }
}
