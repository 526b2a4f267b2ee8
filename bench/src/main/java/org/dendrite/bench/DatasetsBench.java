package org.dendrite.bench;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.FileSplit;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.dendrite.datasets.Csv;
import org.dendrite.datasets.Datasets;

/**
 * Data loading figures: all 70,000 MNIST images decoded to arrays (target under 1 s, warm), and
 * CSV cells per second through {@code Csv.read} against plain DataVec ({@code CSVRecordReader} +
 * {@code RecordReaderDataSetIterator}) on the same file (target ≥ 1 million, ratio ≥ 1).
 */
final class DatasetsBench {

    private static final int CSV_ROWS = 100_000;
    private static final int CSV_COLUMNS = 21;

    private DatasetsBench() {}

    static void run(int repetitions) throws Exception {
        Datasets.mnist();
        Timing mnist = Timing.of(repetitions, Datasets::mnist);
        System.out.printf("MNIST, 70,000 images decoded (checksums cached) | %s | target < 1 s%n", mnist);

        Path csv = Files.createTempFile("dendrite-bench", ".csv");
        try {
            writeCsv(csv);
            long cells = (long) CSV_ROWS * CSV_COLUMNS;
            Timing ours = Timing.of(
                    repetitions, () -> Csv.read(csv).label(-1).classes(2).build());
            Timing plain = Timing.of(repetitions, () -> plainDataVec(csv));
            System.out.printf(
                    "CSV %,d cells, Csv.read | %s | %.2f M cells/s (target ≥ 1)%n",
                    cells, ours, cells / ours.median() / 1e6);
            System.out.printf(
                    "CSV %,d cells, plain DataVec | %s | %.2f M cells/s; Csv.read is %.2f× its speed (target ≥ 1)%n",
                    cells, plain, cells / plain.median() / 1e6, plain.median() / ours.median());
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    private static Object plainDataVec(Path csv) throws Exception {
        var reader = new CSVRecordReader(1, ',');
        reader.initialize(new FileSplit(csv.toFile()));
        var iterator = new RecordReaderDataSetIterator.Builder(reader, 1000)
                .classification(CSV_COLUMNS - 1, 2)
                .build();
        long rows = 0;
        while (iterator.hasNext()) {
            rows += iterator.next().numExamples();
        }
        return rows;
    }

    private static void writeCsv(Path file) throws Exception {
        Random random = new Random(1);
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int c = 0; c < CSV_COLUMNS; c++) {
                out.write((c == 0 ? "" : ",") + "c" + c);
            }
            out.newLine();
            for (int r = 0; r < CSV_ROWS; r++) {
                for (int c = 0; c < CSV_COLUMNS - 1; c++) {
                    out.write(String.format("%.4f,", random.nextGaussian() * 100));
                }
                out.write(Integer.toString(random.nextInt(2)));
                out.newLine();
            }
        }
    }
}
