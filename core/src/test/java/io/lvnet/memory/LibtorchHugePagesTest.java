package io.lvnet.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.NativeLibrary;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LibtorchHugePagesTest {
    @org.junit.jupiter.api.BeforeEach
    @org.junit.jupiter.api.AfterEach
    void forget() { // a training test in this JVM may have chosen
        LibtorchHugePages.forget();
    }

    @Test
    void aValueInTheEnvironmentIsKeptWhateverTheModel() {
        assertFalse(LibtorchHugePages.choose(Map.of(LibtorchHugePages.VARIABLE, "0"), true));
        assertEquals("none", ResidentMemory.hugePages(Map.of()));
        LibtorchHugePages.forget();
        assertTrue(LibtorchHugePages.choose(Map.of(LibtorchHugePages.VARIABLE, "1"), false));
        assertTrue(ResidentMemory.hugePages(Map.of()).startsWith("libtorch"), "bench reports what was chosen");
    }

    @Test
    void aCompactModelLeavesItOffAndAFullSizeOneSetsItForLibtorchToRead() {
        assertFalse(LibtorchHugePages.choose(Map.of(), false));
        assertEquals("none", ResidentMemory.hugePages(Map.of()));
        LibtorchHugePages.forget();
        assertTrue(LibtorchHugePages.choose(Map.of(), true));
        // what libtorch's getenv reads, not Java's copy of the environment taken at start
        String seen = NativeLibrary.getProcess().getFunction("getenv").invokeString(new Object[] {LibtorchHugePages.VARIABLE}, false);
        assertEquals("1", seen);
        assertEquals("libtorch", ResidentMemory.hugePages(Map.of()));
        // a later model in the same process cannot change what libtorch already read
        assertTrue(LibtorchHugePages.choose(Map.of(), false));
        assertEquals("libtorch", ResidentMemory.hugePages(Map.of()));
    }
}
