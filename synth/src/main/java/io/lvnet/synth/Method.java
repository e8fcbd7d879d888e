package io.lvnet.synth;

/**
 * The four manipulation families of FaceForensics++, each modelled by one synthetic
 * manipulation with its own traces and mask extent. Their ids are FF++'s folder names, so that
 * synthetic and real datasets use one vocabulary (and cross-method protocols carry over).
 */
public enum Method {
    /** Learned identity swap of the inner face: soft mask, colour and resolution mismatch. See {@link IdentitySwap}. */
    DEEPFAKES("Deepfakes"),
    /** Expression re-enactment of mouth and jaw, re-rendered. See {@link ExpressionReenactment}. */
    FACE2FACE("Face2Face"),
    /** Graphics swap warped onto the landmarks, hard boundary. See {@link LandmarkSwap}. */
    FACESWAP("FaceSwap"),
    /** Neural re-rendering of the mouth with upsampling artefacts. See {@link MouthRerender}. */
    NEURAL_TEXTURES("NeuralTextures");

    private final String id;

    Method(String id) {
        this.id = id;
    }

    /** FF++'s name: {@code Deepfakes}, {@code Face2Face}, {@code FaceSwap}, {@code NeuralTextures}. */
    public String id() {
        return id;
    }

    /** Parses {@link #id()}, case-insensitively. */
    public static Method of(String id) {
        for (Method m : values()) {
            if (m.id.equalsIgnoreCase(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown method '" + id
                + "' (expected Deepfakes, Face2Face, FaceSwap or NeuralTextures)");
    }
}
