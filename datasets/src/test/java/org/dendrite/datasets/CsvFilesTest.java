package org.dendrite.datasets;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** CSV files as they come: with a byte-order mark, gzipped, with scikit-learn's header; and read lazily with build()'s checks. */
class CsvFilesTest {

    @TempDir
    Path dir;

    private static final String DATA = "1,2,0\n3,4,1\n5,6,1\n";

    @Test
    void aUtf8ByteOrderMarkIsSkipped() throws IOException {
        Path file = dir.resolve("bom.csv");
        Files.write(file, ("\uFEFFa,b,label\n" + DATA).getBytes(StandardCharsets.UTF_8));
        Dataset data = Csv.read(file).build();
        assertEquals(3, data.size());
        assertEquals(1f, data.features().getFloat(0, 0), "the first cell is 1, not \"\\uFEFF1\" or a header");
    }

    @Test
    void aGzippedFileIsReadWhateverItsName() throws IOException {
        Path file = dir.resolve("data.csv");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(DATA.getBytes(StandardCharsets.UTF_8));
        }
        assertArrayEquals(
                new float[] {1, 2, 3, 4, 5, 6},
                Csv.read(file).build().features().ravel().toFloatVector());
        DataSetIterator lazily = Csv.read(file).classes(2).stream(2);
        assertEquals(2, lazily.next().numExamples());
    }

    @Test
    void scikitLearnsHeaderIsDetectedAsPandasDetectsIt() throws IOException {
        // load_iris's CSV starts with the row and column counts and the class names above rows of numbers.
        Path file =
                Files.writeString(dir.resolve("iris.csv"), "4,2,setosa,versicolor\n5.1,3.5,0\n4.9,3.0,1\n6.2,3.4,1\n");
        Dataset data = Csv.read(file).build();
        assertEquals(3, data.size());
        assertEquals(5.1f, data.features().getFloat(0, 0), 1e-6);
    }

    @Test
    void anUndetectedHeaderGetsAHintToSkipIt() throws IOException {
        // A first line with a number in it, and text below it too: no header is detected, and the error says how to
        // skip one.
        Path file = Files.writeString(dir.resolve("two.csv"), "id,2024,y\nrow,1,0\n");
        var e = assertThrows(UncheckedIOException.class, () -> Csv.read(file).build());
        assertEquals(
                file + " line 1, column 1: \"id\" is not a number; if line 1 is a header, call skipLines(1)",
                e.getMessage());
    }

    @Test
    void aStreamChecksEveryLineWithFileLineAndColumnAndSkipsBlankLines() throws IOException {
        Path file = Files.writeString(dir.resolve("s.csv"), "x,y,label\n1,2,0\n\n3,4,1\n5,6,1\n7,x8,0\n");
        DataSetIterator stream = Csv.read(file).classes(2).stream(2);

        DataSet first = stream.next(); // no hasNext() first: the iterator contract allows it
        assertArrayEquals(
                new float[] {1, 2, 3, 4}, first.getFeatures().ravel().toFloatVector(), "the blank line 3 is skipped");
        assertArrayEquals(new float[] {1, 0, 0, 1}, first.getLabels().ravel().toFloatVector(), "one-hot of classes(2)");
        assertTrue(stream.hasNext());
        var e = assertThrows(UncheckedIOException.class, stream::next);
        assertEquals(file + " line 6, column 2: \"x8\" is not a number", e.getMessage());
    }

    @Test
    void aStreamNamesBadLabelsAndEndsAsAnIteratorShould() throws IOException {
        Path file = Files.writeString(dir.resolve("l.csv"), "1,2,0\n3,4,5\n");
        var e = assertThrows(UncheckedIOException.class, () -> Csv.read(file).classes(2).stream(10)
                .next());
        assertEquals(file + " line 2, column 3: label 5 is not in 0..1 (classes(2))", e.getMessage());

        Path good = Files.writeString(dir.resolve("g.csv"), DATA);
        DataSetIterator stream = Csv.read(good).classes(2).stream(10);
        assertEquals(3, stream.next().numExamples());
        assertFalse(stream.hasNext());
        assertThrows(NoSuchElementException.class, stream::next);
        stream.reset();
        assertEquals(3, stream.next().numExamples(), "reset starts another pass");
    }

    @Test
    void integerTargetsWithManyValuesAreNotMadeIntoAbsurdClasses() throws IOException {
        StringBuilder prices = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            prices.append(i % 7)
                    .append(',')
                    .append(i)
                    .append(',')
                    .append(100_000 + 9_871 * i)
                    .append('\n');
        }
        Path file = Files.writeString(dir.resolve("houses.csv"), prices.toString());
        var e = assertThrows(UncheckedIOException.class, () -> Csv.read(file).build());
        assertEquals(
                file
                        + ": label column 3 holds 40 distinct integers up to 484969 in 40 rows; as classes they would make 40 "
                        + "one-hot rows of 484970. This looks like a regression target: call regression() (or classes(n) if they really "
                        + "are class indices)",
                e.getMessage());
        assertEquals(40, Csv.read(file).regression().build().size());

        Path huge = Files.writeString(dir.resolve("huge.csv"), "1,0\n2,1048576\n");
        e = assertThrows(UncheckedIOException.class, () -> Csv.read(huge).build());
        assertTrue(
                e.getMessage().contains("label 1048576 is too large for a class index")
                        || e.getMessage().contains("regression"),
                e.getMessage());
    }
}
