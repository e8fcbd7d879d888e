package io.lvnet.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.lvnet.model.LvNet;
import io.lvnet.model.LvNetConfig;
import io.lvnet.model.Variant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A forward pass leaves libtorch's NNPACK switched off: on CPUs NNPACK does not know, a compact
 * model's batch-1 pass otherwise prints a warning per convolution.
 */
class LibtorchNnpackTest {
    @Test
    void aForwardPassTurnsNnpackOff() {
        try (NDManager m = NDManager.newBaseManager()) {
            LvNet net = LvNet.create(new LvNetConfig(Variant.SUPERVISED, 64, 0.125), m);
            LibtorchNnpack.restoreDefault(); // an earlier test's pass in this JVM may have turned it off
            assertEquals(Optional.of(true), LibtorchNnpack.enabled(), "libtorch's default");
            net.forward(new ParameterStore(m, false), m.zeros(new Shape(1, 3, 64, 64)), false);
            assertEquals(Optional.of(false), LibtorchNnpack.enabled());
        }
    }
}
