package io.lvnet.blend;



import io.lvnet.data.FaceBox;
import io.lvnet.data.Raster;

/**
 * One rendered frame and what is known about it for free: the true face box, the 68
 * landmarks, and the reference regions (mouth, eyes, nose) as masks.
 *
 * @param image BGR frame
 * @param landmarks 68 points {x, y} in pixels, in dlib's 68-point order (iBUG 300-W)
 * @param box the true face box
 * @param regions masks of the mouth, eyes and nose
 * @param outline the face outline (forehead to chin) as a pixel polygon
 */
public record RenderedFrame(Raster image, double[][] landmarks, FaceBox box, Regions regions, double[][] outline) {

    /**
     * Reference regions for semi-supervised patch labels: 1-channel masks, 0 or 255.
     *
     * @param mouth lips and a margin around them
     * @param eyes both eyes with their lids
     * @param nose bridge, tip and nostrils
     */
    public record Regions(Raster mouth, Raster eyes, Raster nose) {
    }
}
