package io.lvnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every command's {@code --help} renders cleanly: a bare '%' in a description once made picocli
 * print format warnings above the help of every command sharing that option.
 */
class HelpTextTest {
    static Stream<String> commands() {
        return new CommandLine(new LvnetCommand()).getSubcommands().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpHasNoFormatWarnings(String command) {
        CliRun r = CliRun.of(command, "--help");
        assertEquals(0, r.status(), r.err());
        assertFalse(r.err().contains("WARN"), r.err());
        assertFalse(r.out().contains("%n"), "unformatted help text: " + r.out());
        assertTrue(r.out().contains("Usage: lvnet " + command), r.out());
    }
}
