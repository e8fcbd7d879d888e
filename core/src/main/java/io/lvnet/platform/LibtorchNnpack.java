package io.lvnet.platform;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns libtorch's NNPACK convolutions off. libtorch considers NNPACK for a convolution that
 * oneDNN does not take (a small input at batch 1, such as the compact model's), and on a CPU
 * NNPACK's own detection does not know (AMD Zen 5, {@code cpu family} 26) it tries to initialise
 * it again at every such convolution and prints "Could not initialize NNPACK! Reason: Unsupported
 * hardware." each time: 73 lines a face, hundreds in {@code lvnet demo}'s scan. NNPACK would not
 * run those convolutions anyway (libtorch asks it only from batch 16 on), so switching it off
 * changes no result and no speed.
 *
 * <p>libtorch has no setting for it outside Python ({@code torch.backends.nnpack}); this calls
 * {@code at::globalContext().setUserEnabledNNPACK(false)} in the loaded {@code libtorch_cpu}.
 * Where the library or its symbols are not found (another libtorch, not Linux), nothing changes.
 */
public final class LibtorchNnpack {
    private static final Logger LOG = LoggerFactory.getLogger(LibtorchNnpack.class);
    private static final String LIBRARY = "libtorch_cpu.so";
    private static final String GLOBAL_CONTEXT = "_ZN2at13globalContextEv";
    private static final String SET_ENABLED = "_ZN2at7Context20setUserEnabledNNPACKEb";
    private static final String ENABLED = "_ZNK2at7Context17userEnabledNNPACKEv";
    private static volatile boolean done;

    private LibtorchNnpack() {
    }

    /**
     * Turns NNPACK off once per process; a cheap check after the first call. Call after libtorch
     * has loaded (from a forward pass, for instance).
     */
    public static void ensureOff() {
        if (!done) {
            turnOff();
        }
    }

    private static synchronized void turnOff() {
        if (done) {
            return;
        }
        done = true;
        set(false);
    }

    /** Back to libtorch's default, as if no pass had run yet: for tests. */
    static synchronized void restoreDefault() {
        set(true);
        done = false;
    }

    private static void set(boolean enabled) {
        Optional<NativeLibrary> torch = loadedLibtorch();
        if (torch.isEmpty()) {
            return;
        }
        try {
            Pointer context = torch.get().getFunction(GLOBAL_CONTEXT).invokePointer(new Object[0]);
            torch.get().getFunction(SET_ENABLED).invoke(Void.class, new Object[] {context, enabled});
        } catch (UnsatisfiedLinkError e) {
            LOG.debug("libtorch has no NNPACK switch here: {}", e.getMessage());
        }
    }

    /**
     * Whether libtorch would consider NNPACK now, or empty where that cannot be read (libtorch
     * not loaded, or not this build's).
     */
    public static Optional<Boolean> enabled() {
        Optional<NativeLibrary> torch = loadedLibtorch();
        if (torch.isEmpty()) {
            return Optional.empty();
        }
        try {
            Pointer context = torch.get().getFunction(GLOBAL_CONTEXT).invokePointer(new Object[0]);
            Function get = torch.get().getFunction(ENABLED);
            return Optional.of((get.invokeInt(new Object[] {context}) & 0xff) != 0); // a C++ bool: the low byte
        } catch (UnsatisfiedLinkError e) {
            return Optional.empty();
        }
    }

    /** The libtorch_cpu the engine loaded, found among the process's mappings. */
    private static Optional<NativeLibrary> loadedLibtorch() {
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            Optional<String> path = maps.map(l -> l.substring(l.lastIndexOf(' ') + 1))
                    .filter(p -> p.endsWith("/" + LIBRARY)).findFirst();
            return path.map(NativeLibrary::getInstance); // the loaded copy: dlopen of its path shares it
        } catch (IOException | java.io.UncheckedIOException | UnsatisfiedLinkError | SecurityException e) {
            return Optional.empty();
        }
    }
}
