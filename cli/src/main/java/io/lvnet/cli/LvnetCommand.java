package io.lvnet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The root command: lists the subcommands. */
@Command(name = "lvnet",
        mixinStandardHelpOptions = true,
        versionProvider = LvnetCommand.Version.class,
        description = {
            "LVNet (\"Locate and Verify\") deepfake detection on the JVM.",
            "For each face: how likely it is forged (verify) and where (locate, a patch map)."},
        // in the order a newcomer meets them
        subcommands = {DemoCommand.class, SynthCommand.class, PrepareCommand.class, TrainCommand.class, EvalCommand.class,
            GeneraliseCommand.class, CalibrateCommand.class,
            DetectCommand.class, LandmarksCommand.class, ServeCommand.class, ConvertCommand.class, BenchCommand.class, InfoCommand.class},
        footer = {"", "Run 'lvnet COMMAND --help' for a command's options."})
public final class LvnetCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** The project version, from the build. */
    public static String version() {
        return io.lvnet.provenance.LvnetVersion.current();
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"lvnet " + version()};
        }
    }
}
