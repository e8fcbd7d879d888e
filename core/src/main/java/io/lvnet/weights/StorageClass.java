package io.lvnet.weights;

/**
 * A torch storage class named in a pickle (e.g. {@code torch.FloatStorage}) and the element
 * type its data holds.
 *
 * @param pythonName the qualified Python name, for messages
 * @param type element type of the storage's data
 */
record StorageClass(String pythonName, TensorType type) {
}
