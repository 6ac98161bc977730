package org.greenwave.service.support.security;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A REST method (or class) whose callers with an API key are rate-limited per key ({@code greenwave.auth.rate-limit}
 * or the key group's own limit): over the limit the answer is 429 with {@code Retry-After}. Runs after
 * authentication and authorization, so an unknown key still gets 401, a key without the right 403.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RateLimited {
}
