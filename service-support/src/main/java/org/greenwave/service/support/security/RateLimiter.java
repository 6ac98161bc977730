package org.greenwave.service.support.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets per API key: each key earns {@code perSecond} requests per second up to {@code burst}; a request
 * without a token is refused and told when the next one is due. Plain Java (clock injectable) so the arithmetic
 * is testable without a server. Memory is bounded by the number of configured keys (only known keys get here).
 */
public final class RateLimiter {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    public RateLimiter() {
        this(System::nanoTime);
    }

    public RateLimiter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * Takes a token for this key.
     *
     * @return 0 when the request may go ahead, else the whole seconds (at least 1) until a token is due
     */
    public long acquire(String keyId, ApiKeys.RateLimit limit) {
        if (limit == null || !limit.limited()) {
            return 0;
        }
        Bucket bucket = buckets.computeIfAbsent(keyId, k -> new Bucket(Math.max(1, limit.burst()), nanoClock.getAsLong()));
        return bucket.take(limit, nanoClock.getAsLong());
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }

        synchronized long take(ApiKeys.RateLimit limit, long now) {
            double capacity = Math.max(1, limit.burst());
            tokens = Math.min(capacity, tokens + (now - last) / 1e9 * limit.perSecond());
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / limit.perSecond()));
        }
    }
}
