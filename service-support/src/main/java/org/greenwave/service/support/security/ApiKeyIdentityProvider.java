package org.greenwave.service.support.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Turns a presented API key into an identity: the key's group as principal, its roles and permissions. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    /** Identity attribute: the {@link ApiKeys.Holder} of the key (rate limits are per key). */
    public static final String HOLDER = "greenwave.api-key";

    private static final Logger LOG = Logger.getLogger(ApiKeyIdentityProvider.class);

    private final ApiKeys keys = new ApiKeys();

    public ApiKeyIdentityProvider(ApiKeysConfig config,
                                  @ConfigProperty(name = "greenwave.demo.device-key") Optional<String> demoKey) {
        ApiKeysConfig.RateLimitConfig defaults = config.rateLimit();
        config.apiKeyGroups().forEach((name, group) -> keys.add(name, group.sha256(), new HashSet<>(group.roles()),
                new HashSet<>(group.permissions().orElse(List.of())),
                new ApiKeys.RateLimit(group.rateLimit().perSecond().orElse(defaults.perSecond()),
                        group.rateLimit().burst().orElse(defaults.burst()))));
        demoKey.filter(k -> !k.isBlank()).ifPresent(k -> keys.addKey("demo", k, new HashSet<>(config.demoKeyRoles()),
                new HashSet<>(config.demoKeyPermissions()),
                new ApiKeys.RateLimit(config.demoKeyRateLimit(), Math.max(1, (int) (2 * config.demoKeyRateLimit())))));
        if (keys.isEmpty()) {
            LOG.debug("no API keys configured (greenwave.auth.api-key-groups.*, greenwave.demo.device-key)");
        }
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        ApiKeys.Holder holder = keys.holder(request.key());
        if (holder == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("unknown API key"));
        }
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(holder.group()))
                .addRoles(holder.roles())
                .addAttribute(HOLDER, holder);
        holder.permissions().forEach(identity::addPermissionAsString);
        return Uni.createFrom().item(identity.build());
    }

    /** True when at least one key is known (else the API-key challenge is not offered). */
    public boolean hasKeys() {
        return !keys.isEmpty();
    }

    Set<String> roles(String key) {
        ApiKeys.Holder h = keys.holder(key);
        return h == null ? Set.of() : h.roles();
    }
}
