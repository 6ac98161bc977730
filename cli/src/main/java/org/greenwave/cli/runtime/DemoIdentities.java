package org.greenwave.cli.runtime;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Identities for one demo run: a device API key and an engineer's password, generated fresh each time (never
 * fixed in code). Services receive them as {@code greenwave.demo.*} properties.
 */
public record DemoIdentities(String deviceKey, String engineerUser, String engineerPassword) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static DemoIdentities generate() {
        return new DemoIdentities("dev-" + token(24), "engineer", token(12));
    }

    /** The system properties that carry these identities to a service. */
    public Map<String, String> properties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("greenwave.demo.device-key", deviceKey);
        props.put("greenwave.demo.engineer-user", engineerUser);
        props.put("greenwave.demo.engineer-password", engineerPassword);
        return props;
    }

    private static String token(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
