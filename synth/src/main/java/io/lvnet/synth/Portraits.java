package io.lvnet.synth;

import io.lvnet.blend.Rng;

import io.lvnet.blend.RenderedFrame;

import java.util.List;

/**
 * Single rendered people, for demonstrations, service checks and load tests: the renderer's
 * real frames (a person of random identity, expression and pose in front of a random scene),
 * one at a time instead of a whole dataset. OpenCV's bundled face cascade finds these faces.
 */
public final class Portraits {
    private Portraits() {
    }

    /** A person in a {@code size x size} frame; the same seed gives the same frame. */
    public static RenderedFrame render(long seed, int size) {
        FaceRenderer renderer = new FaceRenderer(size);
        Identity id = Identity.random(Rng.derive(seed, "identity", 0));
        Scene scene = Scene.random(Rng.derive(seed, "scene", 0), size);
        List<Expression> expression = Expression.track(Rng.derive(seed, "expression", 0), 1);
        List<HeadPose> pose = HeadPose.track(Rng.derive(seed, "pose", 0), 1);
        return renderer.render(scene, id, expression.get(0), pose.get(0), Rng.derive(seed, "noise", 0));
    }

    /**
     * A person moving and speaking over {@code frames} frames in front of one scene, as the
     * renderer's real clips are; the same seed gives the same clip.
     */
    public static List<RenderedFrame> clip(long seed, int size, int frames) {
        FaceRenderer renderer = new FaceRenderer(size);
        Identity id = Identity.random(Rng.derive(seed, "identity", 0));
        Scene scene = Scene.random(Rng.derive(seed, "scene", 0), size);
        List<Expression> expression = Expression.track(Rng.derive(seed, "expression", 0), frames);
        List<HeadPose> pose = HeadPose.track(Rng.derive(seed, "pose", 0), frames);
        List<RenderedFrame> out = new java.util.ArrayList<>(frames);
        for (int i = 0; i < frames; i++) {
            out.add(renderer.render(scene, id, expression.get(i), pose.get(i), Rng.derive(seed, "noise", i)));
        }
        return out;
    }

    /** Two clips side by side, {@code gap} pixels apart, frame by frame: a video of two people. */
    public static List<io.lvnet.data.Raster> sideBySide(List<RenderedFrame> first, List<RenderedFrame> second, int gap) {
        List<io.lvnet.data.Raster> out = new java.util.ArrayList<>(first.size());
        for (int i = 0; i < first.size(); i++) {
            io.lvnet.data.Raster a = first.get(i).image();
            io.lvnet.data.Raster b = second.get(i).image();
            int width = a.width() + gap + b.width();
            io.lvnet.data.Raster frame = io.lvnet.data.Raster.blank(width, Math.max(a.height(), b.height()), 3);
            for (int y = 0; y < a.height(); y++) {
                System.arraycopy(a.data(), y * a.width() * 3, frame.data(), y * width * 3, a.width() * 3);
            }
            for (int y = 0; y < b.height(); y++) {
                System.arraycopy(b.data(), y * b.width() * 3, frame.data(), (y * width + a.width() + gap) * 3, b.width() * 3);
            }
            out.add(frame);
        }
        return out;
    }

    /** {@link #render}'s frame as PNG bytes. */
    public static byte[] png(long seed, int size) {
        return render(seed, size).image().png();
    }

    /** Portraits from 96 to 480 px with the renderer's face boxes, for the landmark benchmark. */
    public static List<io.lvnet.landmarks.LandmarkBenchmark.Face> landmarkBenchmarkFaces(int count) {
        List<io.lvnet.landmarks.LandmarkBenchmark.Face> out = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            RenderedFrame f = render(2000 + i, 96 + i * 384 / Math.max(1, count - 1));
            out.add(new io.lvnet.landmarks.LandmarkBenchmark.Face(io.lvnet.landmarks.GrayImage.of(f.image()), f.box()));
        }
        return out;
    }
}
