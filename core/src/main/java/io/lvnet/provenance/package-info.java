/**
 * Where a verdict comes from, so that a team can audit it: lvnet's version, the SHA-256 of the
 * weights and of each input, the options used ({@link io.lvnet.provenance.Provenance}), and the
 * model card that training and calibration write into the weights' metadata
 * ({@link io.lvnet.provenance.ModelCard}).
 */
package io.lvnet.provenance;
