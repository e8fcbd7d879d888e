package io.lvnet.data;

import java.util.Objects;

/**
 * One frame of a dataset in the canonical layout: one row of {@code index.csv}. Paths are
 * relative to the dataset folder, with {@code /} as separator; resolve them with
 * {@link CanonicalDataset#resolve(String)}.
 *
 * <p>Masks: a real frame ({@code label} 0) without a mask file has an all-zero mask; a fake
 * frame without one has an <em>unknown</em> mask (data sets without ground truth, where
 * training falls back to semi-supervised patch labels). See {@link #maskKnown()}.
 *
 * @param image the frame image (PNG, 3 channels)
 * @param mask the binary forgery mask (PNG, 1 channel, 0 or 255, same size as the image), or
 *     null
 * @param regions reference-region masks, or null where unknown
 * @param label 0 real, 1 fake
 * @param video the video (clip) the frame comes from; fakes of FF++ style are named
 *     {@code target_source}
 * @param method {@code original} for real frames, else the manipulation (e.g. {@code Deepfakes},
 *     {@code Face2Face}, {@code FaceSwap}, {@code NeuralTextures}, {@code SelfBlended})
 * @param compression the compression level of the frame's video
 * @param split train, val or test; all frames of an identity share one split
 * @param identity the person shown (for fakes: the target, whose frame was manipulated)
 * @param sourceIdentity for fakes, the person whose face or expression was put in (same split),
 *     or null
 * @param frame the frame's index in its video
 * @param box the face's box in the image, or null where unknown
 */
public record FrameRecord(String image, String mask, Regions regions, int label, String video, String method,
        CompressionLevel compression, Split split, String identity, String sourceIdentity, int frame,
        FaceBox box) {

    /** Method name of real frames. */
    public static final String ORIGINAL = "original";

    public FrameRecord {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(video, "video");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(identity, "identity");
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("label must be 0 or 1, got " + label);
        }
        if (frame < 0) {
            throw new IllegalArgumentException("frame index must not be negative, got " + frame);
        }
        if (image.isEmpty() || video.isEmpty() || method.isEmpty() || identity.isEmpty()) {
            throw new IllegalArgumentException("image, video, method and identity must not be empty");
        }
        if (mask != null && mask.isEmpty()) {
            mask = null;
        }
        if (sourceIdentity != null && sourceIdentity.isEmpty()) {
            sourceIdentity = null;
        }
    }

    /** Whether this frame is fake. */
    public boolean fake() {
        return label == 1;
    }

    /** Whether the forgery mask is known: real frames always (all zero without a file), fakes with a file. */
    public boolean maskKnown() {
        return mask != null || label == 0;
    }

    /**
     * Reference regions of a frame, for semi-supervised patch labels: each a 1-channel PNG,
     * 0 or 255, the image's size.
     *
     * @param mouth lips and a margin around them
     * @param eyes both eyes
     * @param nose nose bridge, tip and nostrils
     */
    public record Regions(String mouth, String eyes, String nose) {
        public Regions {
            Objects.requireNonNull(mouth, "mouth");
            Objects.requireNonNull(eyes, "eyes");
            Objects.requireNonNull(nose, "nose");
        }

        /** The region's path by name: {@code mouth}, {@code eyes} or {@code nose}. */
        public String get(String region) {
            return switch (region) {
                case "mouth" -> mouth;
                case "eyes" -> eyes;
                case "nose" -> nose;
                default -> throw new IllegalArgumentException("unknown region '" + region + "' (mouth, eyes or nose)");
            };
        }
    }
}
