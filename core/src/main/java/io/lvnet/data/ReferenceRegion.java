package io.lvnet.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * SSPSL's reference region: the facial parts whose patches of a fake define the fake
 * prototype. The reference uses the mouth; any union of {@code mouth}, {@code eyes} and
 * {@code nose}, written {@code mouth+nose}, may be chosen instead.
 *
 * @param parts the parts, each one of {@link CanonicalLayout#REGIONS}, without repeats
 */
public record ReferenceRegion(List<String> parts) {
    /** The reference's choice. */
    public static final ReferenceRegion MOUTH = new ReferenceRegion(List.of("mouth"));

    public ReferenceRegion {
        if (parts.isEmpty() || parts.stream().distinct().count() != parts.size()
                || !Arrays.asList(CanonicalLayout.REGIONS).containsAll(parts)) {
            throw new IllegalArgumentException("reference region must join distinct parts of "
                    + String.join(", ", CanonicalLayout.REGIONS) + " with '+', got " + String.join("+", parts));
        }
        parts = List.copyOf(parts);
    }

    /** Parses {@code mouth}, {@code mouth+nose}, ... */
    public static ReferenceRegion parse(String text) {
        return new ReferenceRegion(new ArrayList<>(Arrays.asList(text.trim().split("\\s*\\+\\s*"))));
    }

    /** The region of {@code frame}: the union of its parts' masks, 0 or 255. */
    public Mat read(FrameDataset dataset, FrameRecord frame) throws IOException {
        Mat union = dataset.readRegion(frame, parts.get(0));
        for (String part : parts.subList(1, parts.size())) {
            try (Mat m = dataset.readRegion(frame, part)) {
                opencv_core.max(union, m, union);
            }
        }
        return union;
    }

    @Override
    public String toString() {
        return String.join("+", parts);
    }
}
