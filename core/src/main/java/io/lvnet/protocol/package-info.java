/**
 * Evaluation protocols that train as well as test: {@link io.lvnet.protocol.LeaveOneMethodOut}
 * (each manipulation method held out of training in turn, and tested on alone), the paper's
 * measure of generalisation to forgeries never seen.
 */
package io.lvnet.protocol;
