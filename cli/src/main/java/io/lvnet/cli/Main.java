package io.lvnet.cli;

import picocli.CommandLine;

/** The {@code lvnet} command-line tool. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the tool and returns its exit status (0 ok, 1 failed, 2 bad usage). */
    public static int run(String... args) {
        // nothing may be downloaded at run time; the user can still override with -D
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        DebugSwitch.applyToLogging();
        CommandLine cli = new CommandLine(new LvnetCommand());
        HelpParagraphs.apply(cli);
        cli.setExecutionExceptionHandler(new OneLineErrors());
        cli.setParameterExceptionHandler(new OneLineErrors());
        try {
            return cli.execute(args);
        } catch (Error e) {
            // picocli hands only Exceptions to the handler; native and memory errors come here
            if (DebugSwitch.on()) {
                e.printStackTrace();
            }
            System.err.println("lvnet: error: " + OneLineErrors.describe(e));
            return OneLineErrors.FAILED;
        }
    }
}
