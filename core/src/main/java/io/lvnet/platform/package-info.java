/** The machine a run is on: processor model, cores and the vector and matrix extensions its arithmetic can use. */
package io.lvnet.platform;
