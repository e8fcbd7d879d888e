package io.lvnet.weights;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a state dict the way the reference trainer's {@code torch.save} does (zip format):
 * {@code {'epoch': e, 'state_dict': OrderedDict('module.' + name -> tensor), 'optimizer': {}}}.
 * Tests use it to stand in for checkpoints trained in Python.
 */
public final class TorchCheckpointWriter {
    private TorchCheckpointWriter() {
    }

    /** Writes float32 and int64 tensors as a trainer checkpoint. */
    public static Path write(Path file, Map<String, TensorData> stateDict, int epoch) throws IOException {
        PickleBuilder b = new PickleBuilder().proto(2).emptyDict().mark();
        b.str("epoch").integer(epoch);
        b.str("state_dict").orderedDict().mark();
        List<Object> storages = new ArrayList<>();
        int key = 0;
        for (Map.Entry<String, TensorData> e : stateDict.entrySet()) {
            TensorData t = e.getValue();
            String cls = t.type() == TensorType.INT64 ? "LongStorage" : "FloatStorage";
            long[] shape = t.shape();
            long[] stride = new long[shape.length];
            long s = 1;
            for (int i = shape.length - 1; i >= 0; i--) {
                stride[i] = s;
                s *= shape[i];
            }
            String k = Integer.toString(key++);
            b.str("module." + e.getKey()).tensor(cls, k, t.numel(), 0, shape, stride);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] data = new byte[t.data().remaining()];
            t.data().get(data);
            bytes.writeBytes(data);
            storages.add(k);
            storages.add(bytes.toByteArray());
        }
        b.setitems();
        b.str("optimizer").emptyDict();
        b.setitems().stop();
        return PickleBuilder.writeZip(file, b.bytes(), storages.toArray());
    }
}
