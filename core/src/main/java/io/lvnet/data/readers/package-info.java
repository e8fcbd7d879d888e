/**
 * Readers for face frames other tools have already prepared, so that {@code lvnet train} and
 * {@code lvnet eval} use them as they are: the LVNet reference's composite images
 * ({@link io.lvnet.data.readers.CompositeDataset}) and DeepfakeBench's preprocessed folders
 * ({@link io.lvnet.data.readers.DeepfakeBenchDataset}), next to lvnet's own canonical layout.
 * {@link io.lvnet.data.readers.DatasetLocation} names one of them on disk and opens it as a
 * {@link io.lvnet.data.FrameDataset}.
 */
package io.lvnet.data.readers;
