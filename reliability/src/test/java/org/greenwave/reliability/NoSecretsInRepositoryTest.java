package org.greenwave.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.greenwave.kafka.embedded.ReliabilityLog;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * No secret in the repository: every tracked file is scanned for private keys, cloud and chat tokens, signed JWTs
 * and credentials in URLs; configuration files (properties, YAML, .env, JSON) also for a password, secret, token or
 * key set to a literal value. Allowed: references ({@code ${VAR}}, {@code <placeholder>}), hashes (keys named
 * {@code sha256}/{@code hash}), file references, and test-only values in the {@code %test} profile.
 */
@Order(3)
class NoSecretsInRepositoryTest {

    static final List<Pattern> ANYWHERE = List.of(
            Pattern.compile("-----BEGIN (RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----"),
            Pattern.compile("\\bAKIA[0-9A-Z]{16}\\b"),
            Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{36}\\b"),
            Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}"),
            Pattern.compile("\\beyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}"),
            Pattern.compile("[a-z][a-z0-9+.-]*://[^\\s/:@${}<>]+:[^\\s/@${}<>]{3,}@[\\w.-]+"));
    /** {@code key = value} or {@code key: value} in configuration. */
    static final Pattern ASSIGNMENT = Pattern.compile("^\\s*-?\\s*([%\\w.\"\\-]+)\\s*[:=]\\s*(.*?)\\s*$");
    static final Pattern SECRET_NAME = Pattern.compile(
            "(^|[._\\-\"])(password|passwd|pwd|secret|client[-_]?secret|token|api[-_]?key|device[-_]?key|private[-_]?key|credentials?)\"?$");
    static final Pattern HARMLESS_NAME = Pattern.compile("(sha256|hash|file|ref|location|path|type|enabled|name|issuer|audience)\"?$");

    static boolean configFile(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        return p.endsWith(".properties") || p.endsWith(".yaml") || p.endsWith(".yml") || p.endsWith(".env")
                || p.contains(".env.") || p.endsWith(".conf") || (p.endsWith(".json") && !p.contains("schema")
                && !p.contains("package-lock"));
    }

    /** The findings of one line, empty when it is clean. */
    static List<String> check(String path, String line) {
        List<String> out = new ArrayList<>();
        for (Pattern p : ANYWHERE) {
            if (p.matcher(line).find()) {
                out.add("matches " + p.pattern());
            }
        }
        if (configFile(path) && !line.trim().startsWith("#")) {
            Matcher m = ASSIGNMENT.matcher(line);
            if (m.matches()) {
                String name = m.group(1).toLowerCase(Locale.ROOT);
                String value = m.group(2).replaceAll("^[\"']|[\"',]+$", "");
                boolean secretName = SECRET_NAME.matcher(name).find() && !HARMLESS_NAME.matcher(name).find();
                boolean reference = value.isEmpty() || value.contains("${") || value.startsWith("<")
                        || value.equalsIgnoreCase("null") || value.equals("true") || value.equals("false")
                        || value.startsWith("/run/secrets/");
                boolean testOnly = name.startsWith("%test.") && value.toLowerCase(Locale.ROOT).contains("test");
                if (secretName && !reference && !testOnly) {
                    out.add(m.group(1) + " has a literal value");
                }
            }
        }
        return out;
    }

    @Test
    void theScannerFindsWhatItLooksFor() {
        assertThat(check("a.properties", "quarkus.datasource.password=hunter2")).isNotEmpty();
        assertThat(check("a.yaml", "  GF_SECURITY_ADMIN_PASSWORD: admin")).isNotEmpty();
        assertThat(check("a.properties", "greenwave.demo.device-key=dev-123")).isNotEmpty();
        // (split so that this file does not hold what it looks for)
        assertThat(check("x.java", "String k = \"-----BEGIN " + "PRIVATE KEY-----\";")).isNotEmpty();
        assertThat(check("x.md", "use https://bob:s3cr3t" + "@kafka.example.org")).isNotEmpty();
        assertThat(check("a.properties", "kafka.ssl.truststore.password=${KAFKA_TRUSTSTORE_PASSWORD}")).isEmpty();
        assertThat(check("a.properties", "greenwave.auth.api-key-groups.g.sha256=53c621c6d4e57cf45c7ff2f2")).isEmpty();
        assertThat(check("a.properties", "%test.greenwave.demo.engineer-password=test-engineer-password")).isEmpty();
        assertThat(check("a.yaml", "      GF_SECURITY_ADMIN_PASSWORD__FILE: /run/secrets/grafana_admin_password")).isEmpty();
        assertThat(check("a.properties", "quarkus.oidc.token.issuer=https://login.example")).isEmpty();
    }

    @Test
    void noTrackedFileHoldsASecret() throws IOException, InterruptedException {
        List<String> files = trackedFiles();
        List<String> findings = new ArrayList<>();
        long lines = 0;
        for (String f : files) {
            Path path = IngestUnderTest.HOME.resolve(f);
            if (!Files.isRegularFile(path) || Files.size(path) > 5_000_000) {
                continue;
            }
            byte[] bytes = Files.readAllBytes(path);
            if (isBinary(bytes)) {
                continue;
            }
            String[] text = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < text.length; i++) {
                lines++;
                for (String finding : check(f, text[i])) {
                    findings.add(f + ":" + (i + 1) + ": " + finding);
                }
            }
        }
        assertThat(files).hasSizeGreaterThan(50);
        assertThat(findings).as("plaintext secrets in tracked files").isEmpty();
        ReliabilityLog.write(new ReliabilityLog.Row("security-no-secrets", "security",
                "plaintext secrets in the repository: private keys, cloud/chat tokens, signed JWTs, credentials in URLs,"
                        + " passwords/secrets/tokens/keys set to literals in configuration",
                files.size() + " tracked files, " + lines + " lines", "0 found",
                "configuration holds SHA-256 hashes and ${VAR} references only; test-only values live in %test",
                "mvn -B -pl reliability -am verify -Dtest=NoSecretsInRepositoryTest -Dsurefire.failIfNoSpecifiedTests=false"));
    }

    private static boolean isBinary(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** {@code git ls-files}, or every file outside build output when this is not a git checkout. */
    private static List<String> trackedFiles() throws IOException, InterruptedException {
        try {
            Process git = new ProcessBuilder("git", "ls-files").directory(IngestUnderTest.HOME.toFile())
                    .redirectErrorStream(true).start();
            List<String> out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            if (git.waitFor() == 0 && !out.isEmpty()) {
                return out;
            }
        } catch (IOException e) {
            // no git: walk the tree
        }
        try (Stream<Path> walk = Files.walk(IngestUnderTest.HOME)) {
            return walk.filter(Files::isRegularFile).map(p -> IngestUnderTest.HOME.relativize(p).toString())
                    .filter(p -> !p.contains("target/") && !p.contains("node_modules/") && !p.startsWith(".git/"))
                    .toList();
        }
    }
}
