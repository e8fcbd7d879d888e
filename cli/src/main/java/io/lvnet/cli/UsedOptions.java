package io.lvnet.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options a command ran with, defaults included, as results record them for an audit: each
 * option by its longest name without dashes, unset options and help left out.
 */
final class UsedOptions {
    private UsedOptions() {
    }

    static Map<String, Object> of(CommandSpec spec) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (OptionSpec o : spec.options()) {
            if (o.usageHelp() || o.versionHelp()) {
                continue;
            }
            Object value = o.getValue();
            if (value != null) {
                out.put(o.longestName().replaceFirst("^-+", ""), plain(value));
            }
        }
        return out;
    }

    /** Numbers, booleans and strings as they are; lists as lists; anything else (paths, enums) as text. */
    private static Object plain(Object v) {
        if (v instanceof Number || v instanceof Boolean || v instanceof String) {
            return v;
        }
        if (v instanceof Collection<?> c) {
            var list = new ArrayList<Object>(c.size());
            c.forEach(x -> list.add(plain(x)));
            return list;
        }
        return v instanceof Path p ? p.toString() : v.toString();
    }
}
