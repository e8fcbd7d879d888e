package io.lvnet.cli;

/**
 * lvnet's one debug switch, the environment variable {@code LVNET_DEBUG}: when set, failures
 * print their stack trace after the one-line error, and every logger (the service's, the
 * library's) logs at debug level, stack traces of request failures included.
 */
public final class DebugSwitch {
    static final String VARIABLE = "LVNET_DEBUG";

    private DebugSwitch() {
    }

    /** Whether the switch is on (set, and not empty). */
    public static boolean on() {
        String v = System.getenv(VARIABLE);
        return v != null && !v.isEmpty();
    }

    /**
     * Turns the loggers to debug when the switch is on, unless the user chose a level. Call before
     * the first logger is made: the simple binding reads its level once.
     */
    public static void applyToLogging() {
        String level = "org.slf4j.simpleLogger.defaultLogLevel";
        if (on() && System.getProperty(level) == null) {
            System.setProperty(level, "debug");
        }
    }
}
