package io.lvnet.train;

/**
 * What one optimizer step measured on its batch, before its update: the total loss, its
 * classification and patch (segmentation or SSPSL) terms, how many faces the logits got right,
 * and whether the update was skipped.
 *
 * <p>Under mixup a face counts as right when the logits pick the label that dominates its mix.
 *
 * @param faces faces in the batch
 * @param loss the loss that was back-propagated
 * @param classificationLoss its cross-entropy term on the logits
 * @param patchLoss its patch terms (patch cross-entropy, or SSPSL and the early real-patch term)
 * @param correct faces whose arg-max logit is their (dominant) label
 * @param skipped whether the optimizer left the weights as they were, because the loss or a
 *     gradient was NaN or infinite
 * @param pseudoLabels how SSPSL's pseudo labels of this batch's fakes compare with their true
 *     masks; null where not measured (supervised steps, or fakes without known masks)
 */
public record StepMetrics(int faces, double loss, double classificationLoss, double patchLoss, int correct,
        boolean skipped, PseudoLabelQuality pseudoLabels) {

    /** The measurements of a step whose update is applied. */
    public StepMetrics(int faces, double loss, double classificationLoss, double patchLoss, int correct) {
        this(faces, loss, classificationLoss, patchLoss, correct, false, null);
    }

    /** These measurements, for a step whose update was not applied. */
    public StepMetrics asSkipped() {
        return new StepMetrics(faces, loss, classificationLoss, patchLoss, correct, true, pseudoLabels);
    }

    /** These measurements with the step's pseudo labels scored. */
    public StepMetrics withPseudoLabels(PseudoLabelQuality quality) {
        return new StepMetrics(faces, loss, classificationLoss, patchLoss, correct, skipped, quality);
    }

    /** Fraction of the batch classified right. */
    public double accuracy() {
        return faces == 0 ? Double.NaN : correct / (double) faces;
    }
}
