package org.greenwave.service.support.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Known API keys, by the SHA-256 of the key: who a key belongs to and what it may do. Plain Java, so the rules
 * are testable without a server; every greenwave service uses it (device keys, field-controller keys).
 */
public final class ApiKeys {

    /**
     * The group a key belongs to, with its roles and permissions ({@code resource:action}). {@code keyId} names the
     * key without revealing it (the first 12 hex digits of its hash): rate limits and logs are per key.
     */
    public record Holder(String group, String keyId, Set<String> roles, Set<String> permissions, RateLimit rateLimit) {
    }

    /** Requests per second a key may make on average, with a burst; {@code perSecond <= 0}: unlimited. */
    public record RateLimit(double perSecond, int burst) {
        public static final RateLimit UNLIMITED = new RateLimit(0, 0);

        public boolean limited() {
            return perSecond > 0;
        }
    }

    private final Map<String, Holder> byHash = new ConcurrentHashMap<>();

    /** Adds a group; {@code sha256} are lower-case hex hashes of its keys. */
    public void add(String group, List<String> sha256, Set<String> roles, Set<String> permissions,
                    RateLimit rateLimit) {
        for (String hash : sha256) {
            String h = hash.trim().toLowerCase(Locale.ROOT);
            if (h.length() != 64 || !h.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw new IllegalArgumentException("API key group " + group
                        + ": sha256 entries must be 64 hex characters (printf %s \"$KEY\" | sha256sum)");
            }
            byHash.put(h, new Holder(group, h.substring(0, 12), Set.copyOf(roles), Set.copyOf(permissions),
                    rateLimit));
        }
    }

    /** Adds a group without a rate limit. */
    public void add(String group, List<String> sha256, Set<String> roles, Set<String> permissions) {
        add(group, sha256, roles, permissions, RateLimit.UNLIMITED);
    }

    /** Adds one key given in clear (the demo key, which exists only for one run). */
    public void addKey(String group, String key, Set<String> roles, Set<String> permissions, RateLimit rateLimit) {
        add(group, List.of(sha256(key)), roles, permissions, rateLimit);
    }

    public void addKey(String group, String key, Set<String> roles, Set<String> permissions) {
        addKey(group, key, roles, permissions, RateLimit.UNLIMITED);
    }

    /** Who holds this key, or null when no group does. */
    public Holder holder(String key) {
        return key == null || key.isEmpty() ? null : byHash.get(sha256(key));
    }

    public boolean isEmpty() {
        return byHash.isEmpty();
    }

    /** Lower-case hex SHA-256 of the UTF-8 bytes of a key. */
    public static String sha256(String key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }
}
