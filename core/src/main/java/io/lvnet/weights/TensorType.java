package io.lvnet.weights;

/** Element types that checkpoints and our own weight files can hold. */
public enum TensorType {
    FLOAT32(4, "F32"),
    FLOAT16(2, "F16"),
    BFLOAT16(2, "BF16"),
    FLOAT64(8, "F64"),
    INT64(8, "I64"),
    INT32(4, "I32"),
    INT16(2, "I16"),
    INT8(1, "I8"),
    UINT8(1, "U8"),
    BOOL(1, "BOOL");

    private final int bytes;
    private final String safetensorsName;

    TensorType(int bytes, String safetensorsName) {
        this.bytes = bytes;
        this.safetensorsName = safetensorsName;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    /** The dtype string the safetensors header uses. */
    public String safetensorsName() {
        return safetensorsName;
    }

    /** Whether this is a floating-point type. */
    public boolean isFloating() {
        return this == FLOAT32 || this == FLOAT16 || this == BFLOAT16 || this == FLOAT64;
    }
}
