package org.dendrite.callbacks;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.dendrite.io.AtomicFiles;

/**
 * Writes one CSV row per epoch ({@code epoch,loss,accuracy,val_loss,...}), as Keras's
 * {@code CSVLogger}. The whole file is rewritten atomically after every epoch, so a reader never
 * sees half a row.
 */
public final class CsvLogger implements Callback, Resumable {

    private final Path file;
    private final StringBuilder rows = new StringBuilder();
    private List<String> columns;

    public CsvLogger(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    @Override
    public void onTrainBegin(Training training) {
        rows.setLength(0);
        columns = null;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs, Training training) {
        if (columns == null) {
            List<String> names = new ArrayList<>(logs.keySet());
            training.loggedNames().stream().filter(n -> !names.contains(n)).forEach(names::add);
            columns = List.copyOf(names); // val_ columns too when the first epoch was not validated
            rows.append("epoch,").append(String.join(",", columns)).append('\n');
        }
        rows.append(epoch)
                .append(',')
                .append(columns.stream()
                        .map(c -> logs.containsKey(c) ? String.valueOf(logs.get(c)) : "NA")
                        .collect(Collectors.joining(",")))
                .append('\n');
        write();
    }

    private void write() {
        try {
            AtomicFiles.write(file, temp -> Files.writeString(temp, rows));
        } catch (IOException e) {
            throw new UncheckedIOException("csvLogger could not write " + file, e);
        }
    }

    /** The rows so far and their columns, so that a resumed run rewrites the whole file. */
    private record State(String rows, ArrayList<String> columns) implements Serializable {}

    @Override
    public Serializable state() {
        return new State(rows.toString(), columns == null ? null : new ArrayList<>(columns));
    }

    @Override
    public void restore(Serializable state) {
        State s = (State) state;
        rows.setLength(0);
        rows.append(s.rows());
        columns = s.columns() == null ? null : List.copyOf(s.columns());
    }

    @Override
    public String toString() {
        return "csvLogger(" + file + ")";
    }
}
