package org.dendrite.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesTheWholeFileAndLeavesNothingElse() throws IOException {
        Path target = dir.resolve("model.zip");
        AtomicFiles.write(target, temp -> Files.writeString(temp, "first"));
        AtomicFiles.write(target, temp -> Files.writeString(temp, "second"));
        assertEquals("second", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
    }

    @Test
    void aMissingDirectoryIsNamed() {
        Path target = dir.resolve("no/such/dir/model.zip");
        var e = assertThrows(NoSuchFileException.class, () -> AtomicFiles.write(target, temp -> {}));
        assertEquals(
                dir.resolve("no/such/dir") + ": cannot write model.zip: the directory does not exist", e.getMessage());
    }

    @Test
    void aTemporaryFileOfAKilledWriterIsRemovedByTheNextWriteAndALiveWritersIsKept() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        assertTrue(finished.waitFor(10, TimeUnit.SECONDS));
        Path stale = Files.writeString(dir.resolve(".model.zip." + finished.pid() + ".123.tmp"), "half a model");
        Path live = Files.writeString(
                dir.resolve(".model.zip." + ProcessHandle.current().pid() + ".456.tmp"), "being written");
        Path other = Files.writeString(dir.resolve(".other.zip." + finished.pid() + ".789.tmp"), "another target's");

        AtomicFiles.write(dir.resolve("model.zip"), temp -> Files.writeString(temp, "whole"));

        assertFalse(Files.exists(stale), "the killed writer's file");
        assertTrue(Files.exists(live), "a writer that is still running");
        assertTrue(Files.exists(other), "another target's file is left to its own next write");
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporary() throws IOException {
        Path target = Files.writeString(dir.resolve("model.zip"), "old");
        assertThrows(
                IOException.class,
                () -> AtomicFiles.write(target, temp -> {
                    Files.writeString(temp, "half");
                    throw new IOException("disk full");
                }));
        assertEquals("old", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }
}
