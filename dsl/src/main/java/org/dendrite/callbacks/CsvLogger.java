package org.dendrite.callbacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
public final class CsvLogger implements Callback {

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
            columns = List.copyOf(logs.keySet());
            rows.append("epoch,").append(String.join(",", columns)).append('\n');
        }
        rows.append(epoch)
                .append(',')
                .append(columns.stream().map(c -> String.valueOf(logs.get(c))).collect(Collectors.joining(",")))
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

    @Override
    public String toString() {
        return "csvLogger(" + file + ")";
    }
}
