package org.greenwave.service.support.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Applies {@link RateLimited}: one token per request from the caller's key; 429 + Retry-After without one. */
@RateLimited
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
public class RateLimitInterceptor {

    private static final RateLimiter LIMITER = new RateLimiter();

    @Inject
    SecurityIdentity identity;

    @Inject
    MeterRegistry registry;

    @AroundInvoke
    Object limit(InvocationContext context) throws Exception {
        ApiKeys.Holder holder = identity == null ? null : identity.getAttribute(ApiKeyIdentityProvider.HOLDER);
        if (holder != null) {
            long retryAfter = LIMITER.acquire(holder.keyId(), holder.rateLimit());
            if (retryAfter > 0) {
                registry.counter("greenwave_auth_rate_limited_total", "group", holder.group()).increment();
                throw new WebApplicationException(Response.status(429).header("Retry-After", Long.toString(retryAfter))
                        .type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(Map.of("error", "rate limit of key " + holder.keyId() + " ("
                                + holder.rateLimit().perSecond() + " requests/s, burst " + holder.rateLimit().burst()
                                + ") exceeded; retry after " + retryAfter + " s"))
                        .build());
            }
        }
        return context.proceed();
    }
}
