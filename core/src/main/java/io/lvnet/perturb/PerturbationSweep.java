package io.lvnet.perturb;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One kind of perturbation at several levels, in the order given: a curve of a robustness
 * report. Written {@code kind:level,level,...}, e.g. {@code jpeg:90,70,50}.
 *
 * @param kind the perturbation
 * @param levels its levels, at least one, no repeats
 */
public record PerturbationSweep(PerturbationKind kind, List<Double> levels) {
    public PerturbationSweep {
        levels = List.copyOf(levels);
        if (levels.isEmpty()) {
            throw new IllegalArgumentException(kind.id() + ": no levels");
        }
        if (Set.copyOf(levels).size() != levels.size()) {
            throw new IllegalArgumentException(kind.id() + ": a level is repeated in " + levels);
        }
        levels.forEach(l -> new Perturbation(kind, l));
    }

    /** Each level as a perturbation. */
    public List<Perturbation> perturbations() {
        return levels.stream().map(l -> new Perturbation(kind, l)).toList();
    }

    /**
     * Parses one spec, {@code kind:level,level,...}.
     *
     * @throws IllegalArgumentException in one line naming the spec and what is wrong with it
     */
    public static PerturbationSweep parse(String spec) {
        try {
            int colon = spec.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("expected KIND:LEVEL[,LEVEL...], e.g. jpeg:90,70,50");
            }
            PerturbationKind kind = PerturbationKind.of(spec.substring(0, colon).trim());
            List<Double> levels = new ArrayList<>();
            for (String l : spec.substring(colon + 1).split(",", -1)) {
                try {
                    levels.add(Double.parseDouble(l.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(kind.id() + ": '" + l + "' is not a number");
                }
            }
            return new PerturbationSweep(kind, levels);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad perturbation '" + spec + "': " + e.getMessage());
        }
    }

    /**
     * Parses several specs, one sweep per kind.
     *
     * @throws IllegalArgumentException if one is malformed or a kind comes twice
     */
    public static List<PerturbationSweep> parseAll(List<String> specs) {
        List<PerturbationSweep> out = new ArrayList<>();
        Set<PerturbationKind> seen = EnumSet.noneOf(PerturbationKind.class);
        for (String spec : specs) {
            PerturbationSweep s = parse(spec);
            if (!seen.add(s.kind())) {
                throw new IllegalArgumentException("bad perturbation '" + spec + "': " + s.kind().id()
                        + " is given twice; list all its levels in one spec");
            }
            out.add(s);
        }
        return out;
    }

    @Override
    public String toString() {
        return kind.id() + ":" + String.join(",", levels.stream().map(kind::format).toList());
    }
}
