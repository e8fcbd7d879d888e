package io.lvnet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Help descriptions are wrapped as paragraphs, not line by line. */
class HelpParagraphsTest {
    @Test
    void aParagraphsLinesAreJoinedAndIndentedLinesKeptAsTheyAre() {
        String[] joined = HelpParagraphs.join(new String[] {"A first line", "and its second.", "", "Methods:",
            "  Deepfakes   swap", "  Face2Face   re-enactment", "Then prose again", "that goes on at 5 %", "of the time, as in (see", "'lvnet prepare'):", "and so on.",
            "", "Examples:", "Detect a file."});
        assertArrayEquals(new String[] {"A first line and its second.", "", "Methods:", "  Deepfakes   swap",
            "  Face2Face   re-enactment", "Then prose again that goes on at 5 %% of the time, as in (see 'lvnet prepare'): and so on.",
            "", "Examples:", "Detect a file."}, joined);
        assertEquals("keeps %n and %% and doubles %% alone", HelpParagraphs.literalPercent("keeps %n and %% and doubles % alone"));
    }

    /**
     * At 80 columns no line of prose is cut short and continued on the next: what source lines
     * longer than the column did, line by line.
     */
    @ParameterizedTest
    @MethodSource("io.lvnet.cli.HelpTextTest#commands")
    void noProseLineIsCutShort(String command) {
        CliRun r = CliRun.of(command, "--help");
        List<String> lines = r.out().lines().toList();
        for (int i = 1; i < lines.size(); i++) {
            String prev = lines.get(i - 1);
            String line = lines.get(i);
            assertTrue(line.length() <= 80, command + ": a help line of " + line.length() + " characters: " + line);
            boolean continued = !line.isEmpty() && Character.isLowerCase(line.charAt(0));
            assertTrue(!continued || prev.isEmpty() || prev.length() >= 45,
                    command + ": a line cut short before '" + line + "': '" + prev + "'");
        }
    }
}
