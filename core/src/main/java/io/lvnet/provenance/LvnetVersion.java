package io.lvnet.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of lvnet this code was built as ({@code dev} outside a Maven build). */
public final class LvnetVersion {
    private static final String VERSION = read();

    private LvnetVersion() {
    }

    /** The version, as in the jar's {@code lvnet-version.properties}. */
    public static String current() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = LvnetVersion.class.getResourceAsStream("/lvnet-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
