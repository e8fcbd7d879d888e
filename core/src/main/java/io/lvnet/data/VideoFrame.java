package io.lvnet.data;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One frame taken from a video.
 *
 * @param index the frame's number in the video, counted from 0 in display order
 * @param timestampMicros when the frame is shown, in microseconds from the start of the
 *     video stream
 * @param bgr the picture, 8-bit BGR ({@code CV_8UC3}), owned by this frame; closing the
 *     frame frees it
 */
public record VideoFrame(int index, long timestampMicros, Mat bgr) implements AutoCloseable {
    @Override
    public void close() {
        bgr.close();
    }
}
