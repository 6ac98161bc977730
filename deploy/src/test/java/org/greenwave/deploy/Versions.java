package org.greenwave.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.AppInfoParser;

/** Versions the deployment files must agree with. */
final class Versions {

    private Versions() {
    }

    /** greenwave's version (the parent POM's), the services' image tag. */
    static String project() {
        try {
            String pom = Files.readString(Repo.root().resolve("pom.xml"));
            Matcher m = Pattern.compile("<artifactId>greenwave-parent</artifactId>\\s*<version>([^<]+)</version>")
                    .matcher(pom);
            if (!m.find()) {
                throw new IllegalStateException("no version in the parent POM");
            }
            return m.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Kafka client version the services are built with (from the Quarkus BOM). */
    static String kafka() {
        return AppInfoParser.getVersion();
    }
}
