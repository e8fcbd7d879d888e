package io.lvnet.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Bad usage and failures end with one line on stderr and a non-zero status, never a stack
 * trace (set {@code LVNET_DEBUG=1} to see one).
 */
final class OneLineErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {
    static final int FAILED = 1;
    static final int USAGE = 2;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
        if (DebugSwitch.on()) {
            ex.printStackTrace();
        }
        cmd.getErr().println("lvnet " + cmd.getCommandName() + ": error: " + describe(ex));
        return FAILED;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        cmd.getErr().println("lvnet: " + ex.getMessage());
        cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        return USAGE;
    }

    /** A one-line description of a failure, naming the file where there is one. */
    static String describe(Throwable ex) {
        Throwable t = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        String msg;
        if (t instanceof NoSuchFileException n) {
            msg = n.getFile() + ": no such file";
        } else if (t instanceof FileAlreadyExistsException f) {
            msg = f.getFile() + ": " + (f.getReason() != null ? f.getReason() : "already exists");
        } else if (t instanceof AccessDeniedException a) {
            msg = a.getFile() + ": permission denied";
        } else if (t instanceof OutOfMemoryError) {
            msg = "out of memory (try a smaller --batch, or more heap with JAVA_OPTS=-Xmx8g)";
        } else if (t instanceof Error) {
            // an Error's message alone (often just a class name) does not say what went wrong
            msg = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        } else {
            msg = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
            if (t instanceof IOException && !(t instanceof io.lvnet.weights.WeightsFormatException)
                    && t.getClass() != IOException.class) {
                msg = t.getClass().getSimpleName() + ": " + msg;
            }
        }
        return msg.lines().findFirst().orElse(msg);
    }
}
