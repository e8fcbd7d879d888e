package io.lvnet.spark;

import io.lvnet.files.InputFiles;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.SparkFiles;

/**
 * Files on any Hadoop file system (local, HDFS, S3, ...): listing inputs, reading them where
 * native code (FFmpeg, OpenCV) needs a local file, committing outputs.
 */
final class HadoopFiles {
    private static final Map<String, java.nio.file.Path> CACHED = new ConcurrentHashMap<>();

    private HadoopFiles() {
    }

    /** Whether a file system is the local one (its files are read in place). */
    static boolean isLocal(FileSystem fs) {
        return "file".equals(fs.getUri().getScheme());
    }

    /**
     * The files to scan, as fully qualified URIs, sorted and without repeats: a directory
     * contributes the images and videos below it (by extension), a glob what it matches, and a
     * file named directly is kept whatever its name (a missing one is reported when scanned).
     *
     * @param listFile a file of inputs, one per line ({@code #} starts a comment), or null
     */
    static List<String> listInputs(List<String> inputs, String listFile, Configuration conf) throws IOException {
        List<String> specs = new ArrayList<>(inputs == null ? List.of() : inputs);
        if (listFile != null) {
            Path p = new Path(listFile);
            try (InputStream in = p.getFileSystem(conf).open(p);
                    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    line = line.strip();
                    if (!line.isEmpty() && !line.startsWith("#")) {
                        specs.add(line);
                    }
                }
            }
        }
        TreeMap<String, String> out = new TreeMap<>();
        for (String spec : specs) {
            Path p = new Path(spec);
            FileSystem fs = p.getFileSystem(conf);
            FileStatus[] matches = fs.globStatus(p);
            if (matches == null || matches.length == 0) {
                String uri = fs.makeQualified(p).toString();
                out.put(uri, uri); // named directly but missing: an error row says so
                continue;
            }
            for (FileStatus s : matches) {
                if (s.isDirectory()) {
                    RemoteIterator<LocatedFileStatus> it = fs.listFiles(s.getPath(), true);
                    while (it.hasNext()) {
                        LocatedFileStatus f = it.next();
                        if (f.isFile() && InputFiles.isMedia(java.nio.file.Path.of(f.getPath().getName()))) {
                            String uri = fs.makeQualified(f.getPath()).toString();
                            out.put(uri, uri);
                        }
                    }
                } else {
                    String uri = fs.makeQualified(s.getPath()).toString();
                    out.put(uri, uri);
                }
            }
        }
        return List.copyOf(out.keySet());
    }

    /**
     * A local file with the content of {@code uri}: the file itself on the local file system,
     * else a copy in {@code tmp} under the same name (extensions decide how files are read).
     *
     * @throws FileNotFoundException if there is no such file
     */
    static java.nio.file.Path localize(String uri, Configuration conf, java.nio.file.Path tmp) throws IOException {
        Path p = new Path(uri);
        FileSystem fs = p.getFileSystem(conf);
        if (isLocal(fs)) {
            return java.nio.file.Path.of(fs.makeQualified(p).toUri());
        }
        java.nio.file.Path dir = Files.createTempDirectory(tmp, "in");
        java.nio.file.Path local = dir.resolve(p.getName());
        try (InputStream in = fs.open(p)) {
            Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
        }
        return local;
    }

    /**
     * A local copy of a small file the job needs on every executor (weights, a face detector):
     * a file shipped with {@code --files} (or {@code SparkContext.addFile}) when {@code spec} is
     * its bare name, else the path or URI itself; non-local files are copied once per JVM.
     */
    static java.nio.file.Path shared(String spec, Configuration conf) throws IOException {
        if (!spec.contains("/") && !spec.contains(":")) {
            try {
                java.io.File shipped = new java.io.File(SparkFiles.get(spec));
                if (shipped.isFile()) {
                    return shipped.toPath();
                }
            } catch (RuntimeException e) {
                // no SparkContext here: not shipped
            }
        }
        Path p = new Path(spec);
        FileSystem fs = p.getFileSystem(conf);
        if (isLocal(fs)) {
            java.nio.file.Path local = java.nio.file.Path.of(fs.makeQualified(p).toUri());
            if (!Files.isRegularFile(local)) {
                throw new FileNotFoundException(spec + ": no such file (ship it with --files and name it by its file name, "
                        + "or give a path every executor can read)");
            }
            return local;
        }
        String uri = fs.makeQualified(p).toString();
        java.nio.file.Path cached = CACHED.get(uri);
        if (cached != null && Files.isRegularFile(cached)) {
            return cached;
        }
        synchronized (CACHED) {
            cached = CACHED.get(uri);
            if (cached == null || !Files.isRegularFile(cached)) {
                java.nio.file.Path dir = Files.createTempDirectory("lvnet-shared");
                cached = dir.resolve(p.getName());
                try (InputStream in = fs.open(p)) {
                    Files.copy(in, cached);
                }
                dir.toFile().deleteOnExit();
                cached.toFile().deleteOnExit();
                CACHED.put(uri, cached);
            }
            return cached;
        }
    }

    /** Moves a finished file into place, replacing what is there (same content from another attempt). */
    static void commit(FileSystem fs, Path tmp, Path dst) throws IOException {
        fs.mkdirs(dst.getParent());
        if (fs.exists(dst)) {
            fs.delete(dst, false);
        }
        if (!fs.rename(tmp, dst)) {
            if (fs.exists(dst)) {
                fs.delete(tmp, false); // another attempt got there first
                return;
            }
            throw new IOException("cannot move " + tmp + " to " + dst);
        }
    }

    /** Writes a small file whole, through a temporary name. */
    static void writeAtomically(FileSystem fs, Path dst, byte[] content, Path tmpDir) throws IOException {
        Path tmp = new Path(tmpDir, dst.getName() + "." + java.util.UUID.randomUUID() + ".tmp");
        try (OutputStream out = fs.create(tmp, true)) {
            out.write(content);
        }
        commit(fs, tmp, dst);
    }

    /** Reads a small file whole. */
    static byte[] read(FileSystem fs, Path p) throws IOException {
        try (InputStream in = fs.open(p)) {
            return in.readAllBytes();
        }
    }

    /** The URI of a local path as Hadoop writes it ({@code file:/a/b}). */
    static String uri(java.nio.file.Path local) {
        URI u = local.toAbsolutePath().normalize().toUri();
        return new Path(u).toString();
    }
}
