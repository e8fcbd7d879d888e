package io.lvnet.model;

import io.lvnet.model.layers.NamedBlock;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * The one table that maps our parameter names (the dotted paths of {@link NamedBlock}s, in the
 * paper's words) onto the reference implementation's state-dict names. Rules apply in order,
 * each rewriting the part of the name it matches.
 */
public final class ReferenceNames {
    private record Rule(Pattern pattern, Function<MatchResult, String> replacement) {
        static Rule of(String regex, String replacement) {
            return new Rule(Pattern.compile(regex), m -> replacement);
        }
    }

    private static final List<Rule> TABLE = List.of(
            // the two Xception streams
            Rule.of("^rgbStream\\.", "xception_rgb.model."),
            Rule.of("^srmStream\\.", "xception_srm.model."),
            // a block's separable convs and norms sit in `rep`, whose indices also count ReLUs
            new Rule(Pattern.compile("\\.block(\\d+)\\.sepconv(\\d+)\\.depthwise\\."),
                    m -> ".block" + m.group(1) + ".rep." + repIndex(m, 0) + ".conv1."),
            new Rule(Pattern.compile("\\.block(\\d+)\\.sepconv(\\d+)\\.pointwise\\."),
                    m -> ".block" + m.group(1) + ".rep." + repIndex(m, 0) + ".pointwise."),
            new Rule(Pattern.compile("\\.block(\\d+)\\.bn(\\d+)\\."),
                    m -> ".block" + m.group(1) + ".rep." + repIndex(m, 1) + "."),
            Rule.of("\\.conv([34])\\.depthwise\\.", ".conv$1.conv1."),
            Rule.of("\\.classifier\\.", ".last_linear.1."),
            // fusion modules and heads
            Rule.of("^srmFilter\\.", "srm_conv0."),
            Rule.of("^hadamardFusion\\.first\\.", "HBFusion.Trans1."),
            Rule.of("^hadamardFusion\\.second\\.", "HBFusion.Trans2."),
            Rule.of("^hadamardFusion\\.out\\.", "HBFusion.OutTrans."),
            Rule.of("^cmce(\\d)\\.stage([12])Conv\\.", "cmc$1.stage$2.0."),
            Rule.of("^cmce(\\d)\\.stage([12])Norm\\.", "cmc$1.stage$2.1."),
            Rule.of("^cmce(\\d)\\.", "cmc$1."),
            Rule.of("^lfga(\\d)\\.(query|key|value)\\.", "lfe$1.$2_conv."),
            Rule.of("^lfga(\\d)\\.", "lfe$1."),
            Rule.of("^classificationHead\\.norm\\.", "cls_header.0."),
            Rule.of("^classificationHead\\.fc\\.", "cls_header.5."),
            Rule.of("^segmentationHead\\.norm\\.", "seg_header.0."),
            Rule.of("^segmentationHead\\.conv\\.", "seg_header.2."),
            Rule.of("^projectionHead\\.norm\\.", "pro_header.0."),
            Rule.of("^projectionHead\\.conv\\.", "pro_header.2."));

    private ReferenceNames() {
    }

    /**
     * Index in the reference's {@code rep} list of separable conv {@code sepconv<i>} (offset 0)
     * or its norm (offset 1): each unit is ReLU, SepConv, BN, and block 1 drops its first ReLU.
     */
    private static int repIndex(MatchResult m, int offset) {
        int block = Integer.parseInt(m.group(1));
        int unit = Integer.parseInt(m.group(2));
        int leadingRelu = block == 1 ? 0 : 1;
        return 3 * (unit - 1) + leadingRelu + offset;
    }

    /** The reference state-dict name of one of our parameter names. */
    public static String toReference(String ourName) {
        String name = ourName;
        for (Rule rule : TABLE) {
            name = rule.pattern().matcher(name).replaceAll(rule.replacement());
        }
        return name;
    }

    /** Reference name to parameter, for every parameter and buffer of {@code block}, in order. */
    public static <P> Map<String, P> byReferenceName(Map<String, P> ours) {
        Map<String, P> out = new LinkedHashMap<>();
        for (Map.Entry<String, P> e : ours.entrySet()) {
            String ref = toReference(e.getKey());
            if (out.put(ref, e.getValue()) != null) {
                throw new IllegalStateException("two parameters map onto " + ref);
            }
        }
        return out;
    }
}
