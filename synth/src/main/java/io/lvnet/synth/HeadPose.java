package io.lvnet.synth;

import io.lvnet.blend.Rng;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the head is and how it is turned in one frame. The face is modelled as points on an
 * ellipsoid-like surface in face units, rotated by yaw, pitch and roll and projected
 * orthographically: a turned head foreshortens its outline and shifts its features (the nose
 * tip most), which is what changes from frame to frame in a talking-head video.
 *
 * @param centreX face centre, as a fraction of the frame width
 * @param centreY face centre, as a fraction of the frame height
 * @param scale one face unit (half the face width) as a fraction of the frame width
 * @param roll in-plane rotation (radians)
 * @param yaw left-right turn (radians)
 * @param pitch up-down nod (radians)
 */
public record HeadPose(double centreX, double centreY, double scale, double roll, double yaw, double pitch) {

    /**
     * Head motion for a clip: a resting pose drawn within what a frontal face detector accepts,
     * plus slow drift and sway from frame to frame.
     */
    public static List<HeadPose> track(Rng rng, int frames) {
        double cx = rng.uniform(0.44, 0.56);
        double cy = rng.uniform(0.44, 0.54);
        double scale = rng.uniform(0.17, 0.21);
        double roll = rng.uniform(-0.12, 0.12);
        double yaw = rng.uniform(-0.2, 0.2);
        double pitch = rng.uniform(-0.12, 0.12);
        Expression.Wave wx = new Expression.Wave(rng, 0.025, 0.3);
        Expression.Wave wy = new Expression.Wave(rng, 0.02, 0.3);
        Expression.Wave ws = new Expression.Wave(rng, 0.008, 0.2);
        Expression.Wave wr = new Expression.Wave(rng, 0.06, 0.3);
        Expression.Wave wyaw = new Expression.Wave(rng, 0.12, 0.3);
        Expression.Wave wp = new Expression.Wave(rng, 0.06, 0.3);
        List<HeadPose> out = new ArrayList<>(frames);
        for (int f = 0; f < frames; f++) {
            out.add(new HeadPose(cx + wx.at(f), cy + wy.at(f), scale + ws.at(f), roll + wr.at(f),
                    yaw + wyaw.at(f), pitch + wp.at(f)));
        }
        return out;
    }

    /**
     * Projects a point of the face (face units; x right, y down, z towards the camera) to
     * pixel coordinates of a frame {@code size} pixels wide.
     *
     * @return {x, y} in pixels
     */
    public double[] project(double x, double y, double z, double size) {
        double cy = Math.cos(yaw);
        double sy = Math.sin(yaw);
        double x1 = x * cy + z * sy;
        double z1 = -x * sy + z * cy;
        double cp = Math.cos(pitch);
        double sp = Math.sin(pitch);
        double y2 = y * cp - z1 * sp;
        double cr = Math.cos(roll);
        double sr = Math.sin(roll);
        double x3 = x1 * cr - y2 * sr;
        double y3 = x1 * sr + y2 * cr;
        double unit = scale * size;
        return new double[] {centreX * size + unit * x3, centreY * size + unit * y3};
    }

    /** Rotates a direction (such as a surface normal) as {@link #project} rotates points. */
    public double[] rotate(double x, double y, double z) {
        double cy = Math.cos(yaw);
        double sy = Math.sin(yaw);
        double x1 = x * cy + z * sy;
        double z1 = -x * sy + z * cy;
        double cp = Math.cos(pitch);
        double sp = Math.sin(pitch);
        double y2 = y * cp - z1 * sp;
        double z2 = y * sp + z1 * cp;
        double cr = Math.cos(roll);
        double sr = Math.sin(roll);
        return new double[] {x1 * cr - y2 * sr, x1 * sr + y2 * cr, z2};
    }
}
