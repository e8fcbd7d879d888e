/**
 * Where the parts of a face are (mouth, eyes, nose and the rest of the face), chosen in one
 * place for everything that uses them: SSPSL's reference regions in training, the region masks
 * {@code lvnet prepare} writes, and the facial part {@code lvnet detect} and the service name
 * for a face's forged patches.
 *
 * <p>{@link io.lvnet.regions.RegionSource} is the choice: the regions a data set ships
 * ({@code index}), dlib's landmarks drawn by the reference's rule ({@code landmarks}), or
 * fixed fractions of the face box ({@code geometric}). {@link io.lvnet.regions.PartLocator}
 * finds a face's {@link io.lvnet.regions.FaceParts}; {@link io.lvnet.regions.RegionDataset}
 * gives a data set the chosen regions; {@link io.lvnet.regions.PartAttribution} counts forged
 * patches per part.
 */
package io.lvnet.regions;
