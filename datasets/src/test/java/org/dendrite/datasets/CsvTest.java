package org.dendrite.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

/** Csv reads numeric files into datasets: header detection, label placement, classes, regression, streaming. */
class CsvTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void lastColumnIsABinaryLabelAndAWordHeaderIsSkipped() throws IOException {
        Path file = write("d.csv", "a,b,label\n1,2,0\n3,4,1\n5,6,1\n");
        Dataset data = Csv.read(file).label(-1).build();
        assertEquals(3, data.size());
        assertArrayEquals(
                new float[] {1, 2, 3, 4, 5, 6}, data.features().ravel().toFloatVector());
        assertArrayEquals(new long[] {3, 1}, data.labels().shape(), "two inferred classes give one 0/1 column");
        assertArrayEquals(new float[] {0, 1, 1}, data.labels().ravel().toFloatVector());
    }

    @Test
    void aFirstLineOfNumbersIsData() throws IOException {
        Dataset data = Csv.read(write("d.csv", "1,2,0\n3,4,1\n")).build();
        assertEquals(2, data.size());
    }

    @Test
    void labelInFirstColumnWithClassesGivesOneHotRows() throws IOException {
        Path file = write("d.csv", "# made by hand\n2;0.5;7\n0;1.5;8\n1;2.5;9\n");
        Dataset data =
                Csv.read(file).label(0).classes(4).delimiter(';').skipLines(1).build();
        assertArrayEquals(new long[] {3, 2}, data.features().shape());
        assertArrayEquals(
                new float[] {0.5f, 7, 1.5f, 8, 2.5f, 9}, data.features().ravel().toFloatVector());
        assertArrayEquals(
                new float[] {0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0},
                data.labels().ravel().toFloatVector());
    }

    @Test
    void moreThanTwoInferredClassesGiveOneHotRowsOfMaxPlusOne() throws IOException {
        Dataset data = Csv.read(write("d.csv", "1,0\n2,2\n3,1\n")).build();
        assertArrayEquals(new long[] {3, 3}, data.labels().shape());
    }

    @Test
    void regressionKeepsTheTargetAsItIs() throws IOException {
        Dataset data = Csv.read(write("d.csv", "x,y\n1,0.25\n2,-3.5\n"))
                .label(-1)
                .regression()
                .build();
        assertArrayEquals(new float[] {0.25f, -3.5f}, data.labels().ravel().toFloatVector());
    }

    @Test
    void blankLinesAreSkippedAndQuotedNumbersRead() throws IOException {
        Dataset data = Csv.read(write("d.csv", "1,\"2\",0\n\n3,4,1\n\n")).build();
        assertEquals(2, data.size());
    }

    @Test
    void dropInvalidDropsRowsWithMissingOrNonFiniteCells() throws IOException {
        Dataset data = Csv.read(write("d.csv", "1,2,0\nNaN,4,1\n5,,1\n7,inf,0\n9,10,1\n"))
                .dropInvalid()
                .build();
        assertEquals(2, data.size());
        assertArrayEquals(new float[] {1, 2, 9, 10}, data.features().ravel().toFloatVector());
    }

    @Test
    void theBundledPimaFileReadsLikeDatasetsPima() {
        Path pima = Path.of("src/main/resources/org/dendrite/datasets/pima-indians-diabetes.csv");
        Dataset data = Csv.read(pima).label(-1).build();
        assertEquals(Datasets.pima().features(), data.features());
        assertEquals(Datasets.pima().labels(), data.labels());
    }

    @Test
    void streamReadsLazilyInBatches() throws IOException {
        StringBuilder csv = new StringBuilder("f1,f2,y\n");
        for (int i = 0; i < 25; i++) {
            csv.append(i).append(',').append(i * 2).append(',').append(i % 3).append('\n');
        }
        var iterator = Csv.read(write("d.csv", csv.toString())).classes(3).stream(10);
        int rows = 0;
        int batches = 0;
        while (iterator.hasNext()) {
            DataSet batch = iterator.next();
            assertEquals(3, batch.getLabels().size(1));
            rows += batch.numExamples();
            batches++;
        }
        assertEquals(25, rows);
        assertEquals(3, batches);
    }
}
