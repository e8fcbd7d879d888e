package io.lvnet.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Help text as paragraphs: descriptions are written in the source as lines of a comfortable
 * length, which picocli would print one by one, each wrapped at its own width, leaving ragged
 * half-lines. This joins the lines of a paragraph so that picocli wraps the paragraph as a whole.
 * A line that is empty or starts with a space (a table row, an example) keeps its own line, and
 * so does the line after it, and a line that follows a colon unless it goes on in lower case.
 */
public final class HelpParagraphs {
    private HelpParagraphs() {
    }

    /** Reflows the descriptions of {@code cli}'s command, its options and its subcommands'. */
    public static void apply(CommandLine cli) {
        CommandSpec spec = cli.getCommandSpec();
        spec.usageMessage().description(join(spec.usageMessage().description()));
        // picocli cannot replace an option in place, so all are taken out and put back in their order
        List<OptionSpec> options = new ArrayList<>(spec.options());
        if (options.stream().anyMatch(o -> join(o.description()).length != o.description().length)) {
            options.forEach(spec::remove);
            for (OptionSpec o : options) {
                String[] joined = join(o.description());
                spec.addOption(joined.length == o.description().length ? o : o.toBuilder().description(joined).build());
            }
        }
        cli.getSubcommands().values().forEach(HelpParagraphs::apply);
    }

    /** The lines of {@code text} with each paragraph's lines joined by a space. */
    static String[] join(String[] text) {
        List<String> out = new ArrayList<>();
        boolean keep = true;
        boolean colon = false;
        for (String line : text) {
            boolean own = line.isEmpty() || Character.isWhitespace(line.charAt(0));
            boolean afterHeading = colon && !own && !Character.isLowerCase(line.charAt(0));
            if (own || keep || afterHeading || out.isEmpty()) {
                out.add(line);
            } else {
                out.set(out.size() - 1, out.get(out.size() - 1) + " " + line);
            }
            keep = own;
            colon = line.endsWith(":");
        }
        return out.stream().map(HelpParagraphs::literalPercent).toArray(String[]::new);
    }

    /**
     * picocli formats descriptions: a '%' that ended a line ("5 %") would, joined to the next,
     * start a format specifier ("% o"). Every '%' but {@code %%} and {@code %n} is doubled.
     */
    static String literalPercent(String line) {
        StringBuilder sb = new StringBuilder(line.length() + 4);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            sb.append(c);
            if (c == '%') {
                char next = i + 1 < line.length() ? line.charAt(i + 1) : ' ';
                if (next == '%' || next == 'n') {
                    sb.append(next);
                    i++;
                } else {
                    sb.append('%');
                }
            }
        }
        return sb.toString();
    }
}
