package io.lvnet.data.prepare;

import io.lvnet.data.FrameSampling;
import io.lvnet.data.VideoFrame;
import io.lvnet.data.VideoFrames;
import java.io.IOException;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A fake's mask video read alongside its video with the same sampling, handing out the mask
 * frame with a given index. Without a mask video, or one that cannot be read (noted in
 * {@code problems}), every mask is null (unknown); so is a mask frame the mask video lacks.
 */
final class MaskFrames implements AutoCloseable {
    private final VideoFrames frames;
    private final String name;
    private final List<String> problems;
    private VideoFrame pending;
    private boolean ended;

    private MaskFrames(VideoFrames frames, String name, List<String> problems) {
        this.frames = frames;
        this.name = name;
        this.problems = problems;
        this.ended = frames == null;
    }

    static MaskFrames open(VideoSource s, FrameSampling sampling, List<String> problems) {
        if (s.maskVideo() == null) {
            return new MaskFrames(null, null, problems);
        }
        try {
            return new MaskFrames(VideoFrames.open(s.maskVideo(), sampling, 1), s.maskVideo().toString(), problems);
        } catch (IOException e) {
            problems.add(s.maskVideo() + ": mask video unreadable, masks unknown: " + e.getMessage());
            return new MaskFrames(null, null, problems);
        }
    }

    /** The mask frame with this index (owned by this object until the next call), or null. */
    Mat at(int index) {
        while (!ended && (pending == null || pending.index() < index)) {
            if (pending != null) {
                pending.close();
                pending = null;
            }
            try {
                pending = frames.next();
            } catch (IOException e) {
                problems.add(name + ": mask video ends early: " + e.getMessage());
                pending = null;
            }
            ended = pending == null;
        }
        return pending != null && pending.index() == index ? pending.bgr() : null;
    }

    @Override
    public void close() {
        if (pending != null) {
            pending.close();
        }
        if (frames != null) {
            frames.close();
        }
    }
}
