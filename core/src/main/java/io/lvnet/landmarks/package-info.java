/**
 * Facial landmarks as the reference computes them: dlib's 68-point shape predictor, in pure
 * Java, with dlib 19.24's results.
 *
 * <p>{@link io.lvnet.landmarks.ShapePredictorFile} reads dlib's model file
 * ({@code shape_predictor_68_face_landmarks.dat}, Debian's {@code libdlib-data});
 * {@link io.lvnet.landmarks.ShapePredictor#predict} places the points of a face given its box
 * in a {@link io.lvnet.landmarks.GrayImage}; {@link io.lvnet.landmarks.Landmarks} names their
 * parts ({@link io.lvnet.landmarks.FacialPart}) and gives the reference's regions
 * ({@link io.lvnet.landmarks.Landmarks#region}). {@link io.lvnet.landmarks.LandmarkScanner}
 * runs over picture files for {@code lvnet landmarks}, {@link io.lvnet.landmarks.LandmarkPicture}
 * draws a face with its points and regions, {@link io.lvnet.landmarks.LandmarkBenchmark}
 * times the model.
 *
 * <p>The model was trained on the iBUG 300-W data set, whose licence excludes commercial use;
 * see the README.
 */
package io.lvnet.landmarks;
