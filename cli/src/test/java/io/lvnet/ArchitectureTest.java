package io.lvnet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.lvnet.model.layers.TensorOps;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rules of the code that once bit us, checked on the compiled library and command line.
 *
 * <ul>
 *   <li>No package cycles: a helper used by several packages lives in a package of its own, so
 *       that the layers (files, progress, memory; model, weights; data; training, evaluation,
 *       detection; the command line and the service) depend one way.
 *   <li>A scalar that autograd may keep for backward goes through {@link TensorOps}: DJL's
 *       {@code mul}, {@code div} and {@code maximum} with a Java number wrap a buffer that can
 *       be freed before the backward pass reads it (two commits fixed corrupted gradients).
 *   <li>The library (model .. detect) depends on nothing above it: not the command line, the
 *       service, the demo, the charts or the synthetic benchmark, nor picocli, XChart, the JDK's
 *       HTTP server or a logging binding.
 *   <li>Only the command line writes to the console; the library and the service log.
 * </ul>
 */
class ArchitectureTest {
    private static JavaClasses lvnet;

    /** Every package, subpackages on their own: {@code model} and {@code model.layers} are two. */
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.lvnet.(**)").should().beFreeOfCycles();

    /** The packages whose tensors autograd records. */
    static final ArchRule KEPT_SCALARS_THROUGH_TENSOR_OPS = noClasses()
            .that().resideInAnyPackage("io.lvnet.model..", "io.lvnet.loss..", "io.lvnet.train..")
            .and().doNotBelongToAnyOf(TensorOps.class)
            // the optimizer updates parameters outside any recorded graph
            .and().doNotHaveFullyQualifiedName("io.lvnet.train.Adam")
            .should().callMethod(NDArray.class, "mul", Number.class)
            .orShould().callMethod(NDArray.class, "div", Number.class)
            .orShould().callMethod(NDArray.class, "maximum", Number.class)
            .because("a scalar autograd keeps must live in libtorch's memory (TensorOps.multiply, divide, atLeast)");

    /** What is not the library: the command line, the service, the demo, the charts and the synthetic benchmark. */
    static final String[] ABOVE_THE_LIBRARY = {"io.lvnet.cli..", "io.lvnet.serve..", "io.lvnet.demo..", "io.lvnet.plots..",
        "io.lvnet.synth.."};

    /** A program that embeds the library gets no command line, HTTP server, plotting or logging binding. */
    static final ArchRule LIBRARY_KNOWS_NOTHING_ABOVE_IT = noClasses()
            .that().resideInAPackage("io.lvnet..").and().resideOutsideOfPackages(ABOVE_THE_LIBRARY)
            .should().dependOnClassesThat().resideInAnyPackage(ABOVE_THE_LIBRARY)
            .orShould().dependOnClassesThat().resideInAnyPackage("picocli..", "org.knowm.xchart..", "com.sun.net.httpserver..",
                    "org.slf4j.simple..")
            .because("the library (model .. detect) knows nothing of the command line, the service or plots");

    static final ArchRule CONSOLE_ONLY_IN_THE_COMMAND_LINE = noClasses()
            .that().resideOutsideOfPackages("io.lvnet.cli..")
            .should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .because("the library and the service log through SLF4J; only commands print");

    @BeforeAll
    static void importClasses() {
        // the library's test jar is on this module's test class path: its classes are tests too
        lvnet = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.lvnet");
    }

    @Test
    void packagesHaveNoCycles() {
        NO_PACKAGE_CYCLES.check(lvnet);
    }

    @Test
    void scalarsThatAutogradKeepsGoThroughTensorOps() {
        KEPT_SCALARS_THROUGH_TENSOR_OPS.check(lvnet);
    }

    @Test
    void theLibraryKnowsNothingAboveIt() {
        LIBRARY_KNOWS_NOTHING_ABOVE_IT.check(lvnet);
    }

    @Test
    void onlyTheCommandLineWritesToTheConsole() {
        CONSOLE_ONLY_IN_THE_COMMAND_LINE.check(lvnet);
    }

    /** The cycle rule is not vacuous: two test packages that use each other fail it. */
    @Test
    void aPlantedCycleFailsTheRule() {
        JavaClasses planted = new ClassFileImporter().importPackages("io.lvnet.archfixture");
        assertTrue(NO_PACKAGE_CYCLES.evaluate(planted).hasViolation(), "the planted a <-> b cycle was not found");
    }
}
