package org.dendrite.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.spark.transform.misc.StringToWritablesFunction;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.spark.data.BatchDataSetsFunction;
import org.deeplearning4j.spark.datavec.DataVecDataSetFunction;
import org.dendrite.distribute.DistributedData;
import org.dendrite.distribute.Epochs;
import org.dendrite.distribute.Strategy;
import org.nd4j.linalg.dataset.DataSet;

/**
 * CSV files on a Spark cluster, read on the executors: Spark's {@code textFile} over the path or
 * glob, each line parsed by DataVec's {@code CSVRecordReader} and made an example by DL4J's
 * {@code DataVecDataSetFunction}, gathered into mini-batches on each partition. Only the first line
 * of each file is read on the driver, to check the column count of every file before training
 * (the error names the file and both widths). The batches are kept in the executors' memory for
 * the epochs after the first; a lost executor's are read again from the files. An immutable value: each setter returns a copy.
 * <pre>{@code spark.csv("hdfs:///data/train-*.csv").label(0).classes(10)}</pre>
 */
public final class SparkCsv implements DistributedData {

    private static final Pattern NUMBER = Pattern.compile("\\s*[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?\\s*");

    private final SparkTraining spark;
    private final String glob;
    private final int label;
    private final int classes;
    private final char delimiter;
    /** The files and their common column count, read once when first needed. */
    private Columns columns;

    SparkCsv(SparkTraining spark, String glob, int label, int classes, char delimiter) {
        this.spark = spark;
        this.glob = Objects.requireNonNull(glob, "pathOrGlob");
        this.label = label;
        this.classes = classes;
        this.delimiter = delimiter;
    }

    /** The label's column, from 0, or counting from the end with -1 the last (if not set, -1). */
    public SparkCsv label(int column) {
        return new SparkCsv(spark, glob, column, classes, delimiter);
    }

    /**
     * The label column holds class indices 0..n-1, given to the model as one-hot rows of n (for a
     * softmax output of n units). If not set, the label column is given as it is, one column: 0/1
     * for a sigmoid output, or a real-valued target.
     */
    public SparkCsv classes(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("classes must be at least 2, received classes=" + n);
        }
        return new SparkCsv(spark, glob, label, n, delimiter);
    }

    /** The cell separator (if not set, a comma). */
    public SparkCsv delimiter(char separator) {
        return new SparkCsv(spark, glob, label, classes, separator);
    }

    @Override
    public long[] exampleShape() {
        return new long[] {columns().count() - 1};
    }

    @Override
    public long labelWidth() {
        return classes > 0 ? classes : 1;
    }

    @Override
    public String origin() {
        Columns c = columns();
        return "CSV files " + glob + " (" + c.files().size() + " file"
                + (c.files().size() == 1 ? "" : "s") + ", first " + c.files().get(0) + ": " + c.count()
                + " columns, label column " + labelIndex() + ")";
    }

    @Override
    public Epochs train(Model network, Strategy strategy, int batchSize) {
        ParameterAveraging averaging = ParameterAveraging.of(strategy, spark, origin());
        int labelAt = labelIndex();
        JavaRDD<DataSet> batches = spark.context()
                .textFile(glob)
                .filter(line -> !line.isBlank())
                .map(new StringToWritablesFunction(new CSVRecordReader(0, delimiter)))
                .map(new DataVecDataSetFunction(labelAt, classes > 0 ? classes : -1, classes == 0))
                .mapPartitions(new BatchDataSetsFunction(batchSize));
        return SparkEpochs.of(averaging, network, batchSize, batches, null, StorageLevel.MEMORY_ONLY_SER());
    }

    /** The label column as an index from 0. */
    private int labelIndex() {
        int count = columns().count();
        int at = label < 0 ? count + label : label;
        if (at < 0 || at >= count) {
            throw new IllegalArgumentException("label column " + label + " is out of range: "
                    + columns().files().get(0) + " has " + count + " columns (0.." + (count - 1) + ", or -1..-" + count
                    + " counting from the end)");
        }
        return at;
    }

    /** The files the glob matches and their column count, every file's first line checked. */
    private record Columns(List<String> files, int count) {}

    private synchronized Columns columns() {
        if (columns == null) {
            columns = readColumns();
        }
        return columns;
    }

    private Columns readColumns() {
        try {
            Path pattern = new Path(glob);
            FileSystem fs = pattern.getFileSystem(spark.context().hadoopConfiguration());
            FileStatus[] matched = fs.globStatus(pattern);
            List<String> files = new ArrayList<>();
            int count = -1;
            String first = null;
            for (FileStatus status : matched == null ? new FileStatus[0] : matched) {
                if (status.isDirectory()) {
                    continue;
                }
                String name = status.getPath().toString();
                int cells = firstLineCells(fs, status.getPath(), name);
                if (cells < 0) {
                    continue; // an empty file adds no examples
                }
                if (count >= 0 && cells != count) {
                    throw new IllegalArgumentException(
                            name + " has " + cells + " columns but " + first + " has " + count + " (line 1 of each)");
                }
                count = cells;
                first = first == null ? name : first;
                files.add(name);
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no CSV file with data matches " + glob
                        + (matched == null || matched.length == 0 ? " (nothing matches it)" : ""));
            }
            if (count < 2) {
                throw new IllegalArgumentException(
                        first + " has " + count + " column: a label and at least one feature are needed");
            }
            return new Columns(files, count);
        } catch (IOException e) {
            throw new UncheckedIOException("could not list or read " + glob + ": " + e.getMessage(), e);
        }
    }

    /** The cells of the file's first non-blank line (-1 for an empty file), each a number. */
    private int firstLineCells(FileSystem fs, Path path, String name) throws IOException {
        try (var in = new BufferedReader(new InputStreamReader(fs.open(path), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(Pattern.quote(String.valueOf(delimiter)), -1);
                for (int i = 0; i < cells.length; i++) {
                    if (!NUMBER.matcher(cells[i]).matches()) {
                        throw new IllegalArgumentException(name + " line 1, column " + i + ": \"" + cells[i]
                                + "\" is not a number (files read on the cluster have no header line)");
                    }
                }
                return cells.length;
            }
            return -1;
        }
    }

    @Override
    public String toString() {
        return "SparkCsv[" + glob + ", label " + label + (classes > 0 ? ", classes " + classes : "") + "]";
    }
}
