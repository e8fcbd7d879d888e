package io.lvnet.spark;

import java.net.URI;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local disk under another scheme ({@code testfs:///tmp/...}), so that tests take the
 * path of a remote file system: inputs copied to local files, outputs uploaded.
 */
public class TestFs extends RawLocalFileSystem {
    static final String SCHEME = "testfs";

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    /** The URI of a local path on this file system. */
    static String uri(java.nio.file.Path local) {
        return SCHEME + ":" + local.toAbsolutePath().toUri().getPath();
    }
}
