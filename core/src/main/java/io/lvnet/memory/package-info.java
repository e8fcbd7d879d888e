/**
 * What the process holds in memory, native allocations (libtorch) included: resident and peak
 * resident set sizes and the native allocator, for training logs, benchmarks and memory tests.
 */
package io.lvnet.memory;
