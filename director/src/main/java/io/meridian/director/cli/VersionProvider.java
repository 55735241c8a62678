package io.meridian.director.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version from the {@code pom.properties} that Maven puts into the jar (the shaded jar keeps
 * it); {@code dev} when running from classes, as in tests.
 */
final class VersionProvider implements IVersionProvider {
    static final String POM_PROPERTIES = "/META-INF/maven/io.meridian/director/pom.properties";

    @Override
    public String[] getVersion() throws IOException {
        return new String[] {"meridian " + version()};
    }

    static String version() throws IOException {
        try (InputStream in = VersionProvider.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        }
    }
}
