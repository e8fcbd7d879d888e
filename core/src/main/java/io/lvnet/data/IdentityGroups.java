package io.lvnet.data;

import java.util.HashMap;
import java.util.Map;

/**
 * People joined into groups by the fakes that link them (union-find). A group is named after
 * its smallest member, so the names do not depend on the order in which links are added.
 */
public final class IdentityGroups {
    private final Map<String, String> parent = new HashMap<>();

    /** Adds a person as a group of one (no effect if already known). */
    public void add(String id) {
        parent.putIfAbsent(id, id);
    }

    /** Puts two people (added if new) into one group. */
    public void join(String a, String b) {
        add(a);
        add(b);
        String ra = group(a);
        String rb = group(b);
        if (!ra.equals(rb)) {
            if (ra.compareTo(rb) < 0) {
                parent.put(rb, ra);
            } else {
                parent.put(ra, rb);
            }
        }
    }

    /** The name of a person's group (the person itself if never joined or added). */
    public String group(String id) {
        String p = parent.getOrDefault(id, id);
        while (!p.equals(parent.getOrDefault(p, p))) {
            p = parent.get(p);
        }
        return p;
    }
}
