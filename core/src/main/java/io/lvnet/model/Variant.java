package io.lvnet.model;

/** The two LVNet variants of the reference. */
public enum Variant {
    /** Trained with forgery masks: classification and patch losses. */
    SUPERVISED,
    /** Adds the projection head used by semi-supervised patch similarity learning (SSPSL). */
    SEMI_SUPERVISED
}
