package org.dendrite.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every broken CSV is refused with a message naming the file, and line and column where they apply. */
class CsvBadInputTest {

    @TempDir
    Path dir;

    private String failure(String content, UnaryOperator<Csv> options) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.csv"), content);
        String message = assertThrows(UncheckedIOException.class, () -> options.apply(Csv.read(file))
                        .build())
                .getMessage();
        assertTrue(message.contains("bad.csv"), message);
        return message;
    }

    @Test
    void aFileWithABadCellIsClosedAgain() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.csv"), "1,2,0\n3,x,1\n");
        assertThrows(UncheckedIOException.class, () -> Csv.read(file).build());
        assertEquals(0, openDescriptorsOf(file), "the reader was left open on the parse error");
    }

    /** How many of this process's file descriptors point at {@code file} (Linux's /proc). */
    private static long openDescriptorsOf(Path file) throws IOException {
        Path target = file.toRealPath();
        try (var descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return descriptors
                    .filter(fd -> {
                        try {
                            return Files.readSymbolicLink(fd).equals(target);
                        } catch (IOException gone) {
                            return false;
                        }
                    })
                    .count();
        }
    }

    private String failure(String content) throws IOException {
        return failure(content, csv -> csv);
    }

    @Test
    void missingFile() {
        String message = assertThrows(UncheckedIOException.class, () -> Csv.read(dir.resolve("none.csv"))
                        .build())
                .getMessage();
        assertTrue(message.contains("none.csv") && message.contains("no CSV file"), message);
    }

    @Test
    void emptyFile() throws IOException {
        assertTrue(failure("").endsWith("bad.csv is empty"));
    }

    @Test
    void headerOnly() throws IOException {
        assertTrue(failure("a,b,c\n").contains("has a header line but no data rows"));
    }

    @Test
    void raggedRow() throws IOException {
        assertTrue(failure("1,2,0\n3,4,1\n5,1\n").contains("line 3: 2 cells, but line 1 has 3"));
    }

    @Test
    void nonNumericCellIsQuoted() throws IOException {
        assertTrue(failure("1,2,0\n3,four,1\n").contains("line 2, column 2: \"four\" is not a number"));
    }

    @Test
    void nonFiniteCellIsAnErrorUnlessDropped() throws IOException {
        assertTrue(failure("1,2,0\n3,NaN,1\n")
                .contains("line 2, column 2: \"NaN\" is not a finite number; fix the file or call dropInvalid()"));
        assertTrue(failure("1,,0\n3,4,1\n").contains("line 1, column 2: the cell is empty"));
    }

    @Test
    void everyRowInvalid() throws IOException {
        assertTrue(failure("1,NaN,0\n3,inf,1\n", Csv::dropInvalid)
                .contains("all 2 rows held missing or non-finite values"));
    }

    @Test
    void labelColumnOutOfRange() throws IOException {
        String message = failure("1,2,0\n3,4,1\n", csv -> csv.label(3));
        assertTrue(
                message.contains("label column 3 is out of range")
                        && message.contains("has 3 columns (0..2, or -1..-3"),
                message);
        assertTrue(failure("1,2,0\n3,4,1\n", csv -> csv.label(-4)).contains("label column -4 is out of range"));
    }

    @Test
    void labelNotAClassOfTheGivenCount() throws IOException {
        assertTrue(failure("1,2,0\n3,4,2\n", csv -> csv.classes(2))
                .contains("line 2, column 3: label 2 is not in 0..1 (classes(2))"));
    }

    @Test
    void labelNotAnInteger() throws IOException {
        assertTrue(failure("1,2,0\n3,4,0.5\n").contains("line 2, column 3: label 0.5 is not a class index"));
        assertTrue(failure("1,2,0\n3,4,-1\n").contains("label -1 is not a class index"));
    }

    @Test
    void fewerThanTwoClasses() throws IOException {
        String message = failure("1,2,1\n3,4,1\n");
        assertTrue(message.contains("every label in column 3 is 1; a classifier needs at least two classes"), message);
    }

    @Test
    void streamNeedsTheClassCount() throws IOException {
        Path file = Files.writeString(dir.resolve("ok.csv"), "1,2,0\n3,4,1\n");
        var error = assertThrows(IllegalStateException.class, () -> Csv.read(file).stream(8));
        assertEquals(
                "stream(batch) reads lazily and cannot count the classes first: call classes(n) or regression()",
                error.getMessage());
    }
}
