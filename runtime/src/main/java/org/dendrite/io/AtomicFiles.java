package org.dendrite.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes files so that a reader never sees a half-written one, and a power cut leaves the old file
 * or the new one: the content goes to a temporary file in the same directory, is forced to disk,
 * then renamed over the target in one step, and the directory entry is forced too. A temporary file
 * left by a writer that was killed (its process no longer exists) is removed by the next write of
 * the same target.
 */
public final class AtomicFiles {

    /** Writes the content of a file given its (temporary) path. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path temporary) throws IOException;
    }

    /** {@code .model.zip.<pid>.<random>.tmp}: the writer's process id tells a stale file from one being written. */
    private static final Pattern TEMPORARY = Pattern.compile("\\.(.+)\\.(\\d+)\\.\\d+\\.tmp");

    private AtomicFiles() {}

    /**
     * Runs {@code writer} on a temporary file beside {@code target}, then moves it into place.
     *
     * @throws NoSuchFileException naming the directory when it does not exist
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        if (!Files.isDirectory(directory)) {
            throw new NoSuchFileException(
                    directory.toString(),
                    null,
                    "cannot write " + absolute.getFileName() + ": the directory does not exist");
        }
        removeStale(directory, absolute.getFileName().toString());
        Path temp = Files.createTempFile(
                directory,
                "." + absolute.getFileName() + "." + ProcessHandle.current().pid() + ".",
                ".tmp");
        try {
            writer.writeTo(temp);
            force(temp, StandardOpenOption.WRITE);
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            force(directory, StandardOpenOption.READ);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Deletes the temporary files of {@code name} whose writing process has ended. */
    private static void removeStale(Path directory, String name) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "." + name + ".*.tmp")) {
            for (Path file : files) {
                Matcher m = TEMPORARY.matcher(file.getFileName().toString());
                if (m.matches()
                        && m.group(1).equals(name)
                        && ProcessHandle.of(Long.parseLong(m.group(2))).isEmpty()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** Forces a file's content, or a directory's entries, to the disk (where the platform allows it for directories). */
    private static void force(Path path, StandardOpenOption mode) throws IOException {
        try (FileChannel channel = FileChannel.open(path, mode)) {
            channel.force(true);
        } catch (IOException e) {
            if (mode == StandardOpenOption.WRITE) {
                throw e;
            }
            // some file systems cannot open or sync a directory; the rename itself is still atomic
        }
    }
}
