package io.lvnet.data.prepare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Small helpers for data set folders in layout tests. */
final class Fixtures {
    private Fixtures() {
    }

    /** Creates the given files (and their folders) with placeholder content: listing never decodes them. */
    static void touch(Path root, String... files) throws IOException {
        for (String f : files) {
            Path p = root.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "placeholder");
        }
    }

    /** The listed videos by name. */
    static Map<String, VideoSource> byName(DatasetListing listing) {
        Map<String, VideoSource> m = new TreeMap<>();
        for (VideoSource v : listing.videos()) {
            m.put(v.method() + "/" + v.compression().id() + "/" + v.video(), v);
        }
        return m;
    }
}
