package io.meridian.probes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A probe's failure path must not need a class file when it runs: out of file descriptors none can be opened, and a
 * failure that threw NoClassDefFoundError never completed and counted as the gateway's TIMEOUT ({@link Failures#load}).
 * Each case loads a probe class afresh, in a class loader of its own, and looks at what its initialisation loaded.
 */
class FailuresLoadTest {
    @ParameterizedTest
    @ValueSource(strings = {"io.meridian.probes.HttpProbe", "io.meridian.probes.TcpProbe"})
    void initialisingAProbeLoadsWhatClassifyingAFailureNeeds(String probe) throws Exception {
        try (Isolated loader = new Isolated()) {
            assertThat(loader.loaded("io.meridian.probes.Failures")).isFalse();

            Class.forName(probe, true, loader);

            assertThat(loader.loaded("io.meridian.probes.Failures")).isTrue();
            // one of the types only classify's later branches test for: they ran too
            assertThat(loader.loaded("io.netty.handler.codec.PrematureChannelClosureException")).isTrue();
        }
    }

    /** The test's class path without a parent that has loaded any of it (the platform loader's classes aside). */
    private static final class Isolated extends URLClassLoader {
        Isolated() throws MalformedURLException {
            super(classPath(), ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }

        private static URL[] classPath() throws MalformedURLException {
            List<URL> urls = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                urls.add(new File(entry).toURI().toURL());
            }
            return urls.toArray(URL[]::new);
        }
    }
}
