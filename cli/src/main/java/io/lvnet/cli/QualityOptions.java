package io.lvnet.cli;

import io.lvnet.detect.QualityGate;
import picocli.CommandLine.Option;

/** Which faces are good enough to judge; the others are inconclusive, with the reason. */
final class QualityOptions {
    @Option(names = "--min-face-px", paramLabel = "PX", defaultValue = "40",
            description = "Faces whose box is narrower than this are inconclusive: too small to judge (default: ${DEFAULT-VALUE}).")
    int minFacePx;

    @Option(names = "--min-sharpness", paramLabel = "S", defaultValue = "15",
            description = "Faces less sharp than this (variance of the Laplacian at the model's input size; a crisp face "
                    + "scores several hundred) are inconclusive: too blurred to judge (default: ${DEFAULT-VALUE}).")
    double minSharpness;

    @Option(names = "--max-blockiness", paramLabel = "B", defaultValue = "2.0",
            description = "Faces blockier than this (steps across the 8-pixel block grid over steps inside it; 1 for an "
                    + "uncompressed face, about 2 at JPEG quality 15) are inconclusive: too compressed to judge "
                    + "(default: ${DEFAULT-VALUE}).")
    double maxBlockiness;

    @Option(names = "--judge-every-face", description = "Give every face a real or fake verdict, however poor it is.")
    boolean judgeEveryFace;

    QualityGate gate() {
        return judgeEveryFace ? QualityGate.OFF : new QualityGate(minFacePx, minSharpness, maxBlockiness);
    }
}
