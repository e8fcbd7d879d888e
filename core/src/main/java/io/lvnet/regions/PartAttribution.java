package io.lvnet.regions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.lvnet.landmarks.Region;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which facial part holds a face's forged patches. Every pixel of the model's input belongs to
 * one part: the mouth, eyes or nose when its region holds it (in that order where regions
 * overlap), else the rest of the face when the face box holds it, else none (background). A
 * patch is forged when its probability exceeds one half (the argmax of the segmentation head's
 * two logits), and so are its pixels. A part's {@code forged} is the forged patch area inside it,
 * its {@code share} that over its area; the forged part is the one with the largest share (ties
 * to the earlier of mouth, eyes, nose, rest of face), or null when no patch of the face is
 * forged.
 *
 * <p>The share, not the forged area, names the part because parts differ in size: on a 7 x 7 map
 * a mouth covers two or three patches and the rest of the face twenty, so a forged mouth whose
 * forged patches spill a little past its landmarks would otherwise be called the rest of the
 * face. Areas are in patches (a patch is 1), fractional where a part covers part of a patch.
 *
 * @param forgedPart {@code mouth}, {@code eyes}, {@code nose}, {@code rest_of_face}, or null
 * @param parts per part (those four, in that order): its area, forged area and share
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PartAttribution(
        @JsonProperty("forged_part") String forgedPart,
        @JsonProperty("parts") Map<String, Share> parts) {

    /** The rest of the face: inside the face box, in no part's region. */
    public static final String REST_OF_FACE = "rest_of_face";
    /** A patch probability above which the patch counts as forged. */
    public static final float FORGED = 0.5f;
    private static final List<String> ORDER = List.of("mouth", "eyes", "nose", REST_OF_FACE);

    /**
     * One part's patches.
     *
     * @param area the part's area, in patches
     * @param forged the forged patch area inside it, in patches
     * @param share {@code forged / area}, 0 for an empty part
     */
    public record Share(@JsonProperty("area") double area, @JsonProperty("forged") double forged,
            @JsonProperty("share") double share) {
    }

    /**
     * Attributes a patch map.
     *
     * @param parts the face's parts in the pixels of the model's input (the resized crop)
     * @param inputSize the model's input side length
     * @param patchMap S x S forgery probabilities over that input
     */
    public static PartAttribution of(FaceParts parts, int inputSize, float[][] patchMap) {
        int grid = patchMap.length;
        long[] pixels = new long[ORDER.size()];
        long[] forged = new long[ORDER.size()];
        for (int y = 0; y < inputSize; y++) {
            float[] row = patchMap[(int) ((long) y * grid / inputSize)];
            for (int x = 0; x < inputSize; x++) {
                int part = partOf(parts, x, y);
                if (part < 0) {
                    continue;
                }
                pixels[part]++;
                if (row[(int) ((long) x * grid / inputSize)] > FORGED) {
                    forged[part]++;
                }
            }
        }
        double patch = (double) inputSize * inputSize / ((double) grid * grid);
        Map<String, Share> shares = new LinkedHashMap<>();
        int best = -1;
        double bestShare = 0;
        for (int i = 0; i < ORDER.size(); i++) {
            double share = pixels[i] == 0 ? 0 : (double) forged[i] / pixels[i];
            shares.put(ORDER.get(i), new Share(round(pixels[i] / patch), round(forged[i] / patch), round(share)));
            if (forged[i] > 0 && share > bestShare) {
                best = i;
                bestShare = share;
            }
        }
        return new PartAttribution(best < 0 ? null : ORDER.get(best), shares);
    }

    /** Index in {@link #ORDER} of the part holding pixel {@code (x, y)}, or -1 outside the face. */
    private static int partOf(FaceParts parts, int x, int y) {
        for (int i = 0; i < FaceParts.PARTS.size(); i++) {
            if (contains(parts.part(FaceParts.PARTS.get(i)), x, y)) {
                return i;
            }
        }
        return contains(parts.face(), x, y) ? ORDER.size() - 1 : -1;
    }

    private static boolean contains(Region r, int x, int y) {
        return x >= r.left() && x < r.right() && y >= r.top() && y < r.bottom();
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
