/**
 * What happens to a picture between the camera and a detector: JPEG and H.264 re-encoding,
 * resizing down and back up, blur and noise, at named levels, for measuring how a detector
 * holds up ({@code lvnet eval --perturb}). Each perturbation acts on a whole frame before the
 * face is cut, as an upload's processing would, and is deterministic: noise is drawn from a
 * seed the caller gives.
 *
 * <p>The pixel operations are those of {@link io.lvnet.augment} and of
 * {@link io.lvnet.data.VideoFiles}; this package only names them, parses them and applies
 * them to frames.
 */
package io.lvnet.perturb;
