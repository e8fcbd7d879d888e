package io.lvnet.weights;

import io.lvnet.model.ReferenceNames;

import ai.djl.nn.Parameter;
import io.lvnet.model.LvNet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Initialises both Xception streams of LVNet from ImageNet weights, as the reference does
 * before training: the widely used {@code xception-b5690688.pth}, a bare state dict of the
 * Cadene ({@code pretrainedmodels}) Xception in PyTorch's legacy format.
 *
 * <p>Its names are those of one stream without the {@code xception_rgb.model.} prefix ({@code
 * conv1.weight}, {@code block1.rep.0.pointwise.weight}, {@code bn4.running_var}, ...), and
 * every tensor goes to the RGB and the SRM stream alike. Separable convolutions' pointwise
 * weights are stored as out x in there and become out x in x 1 x 1. The ImageNet classifier
 * ({@code fc.*}, or {@code last_linear.*} in re-saved copies) is dropped, and the streams' own
 * classifiers, which LVNet never uses, are left as they are. So are the batch-norm counters
 * ({@code num_batches_tracked}) when the file predates them, as that 2017 file does.
 *
 * <p>Loading is strict otherwise: an entry that is missing, misshapen or of an unknown name
 * refuses the whole file, naming the entries, and leaves the network unchanged.
 */
public final class ImageNetXception {
    private static final List<String> STREAM_PREFIXES = List.of("xception_rgb.model.", "xception_srm.model.");
    private static final String STREAM_CLASSIFIER = "last_linear.";
    private static final List<String> IMAGENET_CLASSIFIER = List.of("fc.", "last_linear.");
    private static final String COUNTER = "num_batches_tracked";
    private static final int NAMES_SHOWN = 5;

    private ImageNetXception() {
    }

    /**
     * What a load did.
     *
     * @param tensorsSet parameters and buffers set, over both streams
     * @param dropped file entries deliberately not used (the ImageNet classifier)
     * @param countersLeft stream counters the file did not have, left as they were
     */
    public record Report(int tensorsSet, List<String> dropped, List<String> countersLeft) {
        /** A one-line summary. */
        public String summary() {
            return "set " + tensorsSet + " tensors in both Xception streams; dropped " + dropped
                    + (countersLeft.isEmpty() ? "" : "; left " + countersLeft.size() + " batch counters");
        }
    }

    /**
     * Loads an ImageNet Xception checkpoint into both streams of {@code net}.
     *
     * @param net a full-width network (width 1.0; the input size does not matter)
     * @param file the checkpoint, e.g. {@code xception-b5690688.pth} (either torch.save format)
     * @throws IllegalArgumentException when {@code net} is not full width
     * @throws WeightsFormatException when the file is unreadable or does not fit, naming the
     *     entries that are missing, misshapen or unexpected
     * @throws IOException when the file cannot be read at all
     */
    public static Report loadInto(LvNet net, Path file) throws IOException {
        requireFullWidth(net);
        return loadInto(net, PyTorchCheckpoint.read(file).stateDict(), file.toString());
    }

    /**
     * Loads an ImageNet Xception state dict (names as in the file) into both streams.
     *
     * @param source how to name the state dict in error messages, e.g. its file
     * @see #loadInto(LvNet, Path)
     */
    public static Report loadInto(LvNet net, Map<String, TensorData> imagenet, String source)
            throws WeightsFormatException {
        requireFullWidth(net);
        Map<String, Parameter> params = ReferenceNames.byReferenceName(net.namedParameters());
        Map<String, TensorData> toLoad = new LinkedHashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        Set<String> misfit = new LinkedHashSet<>();
        Set<String> used = new LinkedHashSet<>();
        List<String> countersLeft = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            String key = imagenetName(e.getKey());
            if (key == null) {
                continue;
            }
            TensorData t = imagenet.get(key);
            if (t == null) {
                if (key.endsWith(COUNTER)) {
                    countersLeft.add(e.getKey());
                } else {
                    missing.add(key);
                }
                continue;
            }
            used.add(key);
            t = asConvolution(key, t);
            long[] want = e.getValue().getArray().getShape().getShape();
            boolean counter = key.endsWith(COUNTER);
            if (!Arrays.equals(want, t.shape()) || (counter ? t.type().isFloating() : !t.type().isFloating())) {
                misfit.add(key + " " + t + " vs " + Arrays.toString(want));
            } else {
                toLoad.put(e.getKey(), t);
            }
        }
        List<String> dropped = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        for (String key : imagenet.keySet()) {
            if (IMAGENET_CLASSIFIER.stream().anyMatch(key::startsWith)) {
                dropped.add(key);
            } else if (!used.contains(key)) {
                unexpected.add(key);
            }
        }
        if (!missing.isEmpty() || !misfit.isEmpty() || !unexpected.isEmpty()) {
            StringBuilder sb = new StringBuilder(source).append(": not an ImageNet Xception state dict");
            append(sb, "missing", missing);
            append(sb, "wrong shape or type", misfit);
            append(sb, "unexpected", unexpected);
            throw new WeightsFormatException(sb.toString());
        }
        StateDicts.LoadReport report = StateDicts.load(net, toLoad, false);
        if (report.loaded() != toLoad.size()) {
            throw new IllegalStateException("ImageNet load set " + report.loaded() + " of " + toLoad.size()
                    + " tensors: " + report.summary());
        }
        return new Report(report.loaded(), List.copyOf(dropped), List.copyOf(countersLeft));
    }

    /**
     * The name in the ImageNet file of a stream's parameter (a reference name), or null for
     * what does not come from it: everything outside the streams, and the streams' classifiers.
     */
    static String imagenetName(String referenceName) {
        for (String prefix : STREAM_PREFIXES) {
            if (referenceName.startsWith(prefix)) {
                String key = referenceName.substring(prefix.length());
                return key.startsWith(STREAM_CLASSIFIER) ? null : key;
            }
        }
        return null;
    }

    /** A pointwise weight stored as out x in, viewed as the 1x1 convolution it is. */
    private static TensorData asConvolution(String key, TensorData t) {
        long[] s = t.shape();
        if (key.endsWith(".pointwise.weight") && s.length == 2) {
            return new TensorData(t.type(), new long[] {s[0], s[1], 1, 1}, t.data());
        }
        return t;
    }

    private static void requireFullWidth(LvNet net) {
        double width = net.config().width();
        if (width != 1.0) {
            throw new IllegalArgumentException("ImageNet Xception weights fit only a full-width LVNet"
                    + " (width 1.0); this network has width " + width);
        }
    }

    private static void append(StringBuilder sb, String what, Collection<String> names) {
        if (!names.isEmpty()) {
            List<String> shown = new ArrayList<>(names).subList(0, Math.min(NAMES_SHOWN, names.size()));
            sb.append("; ").append(names.size()).append(' ').append(what).append(": ")
                    .append(String.join(", ", shown));
            if (names.size() > NAMES_SHOWN) {
                sb.append(", ...");
            }
        }
    }
}
