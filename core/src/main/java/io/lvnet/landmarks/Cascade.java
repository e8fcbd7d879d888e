package io.lvnet.landmarks;

/** One level of the cascade: its feature pixels and the trees that read them. */
record Cascade(FeaturePixels pixels, RegressionForest trees) {
}
