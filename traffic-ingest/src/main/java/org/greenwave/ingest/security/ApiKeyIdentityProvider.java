package org.greenwave.ingest.security;

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

/** Turns a presented API key into an identity: the device group as principal, its roles and permissions. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    private static final Logger LOG = Logger.getLogger(ApiKeyIdentityProvider.class);

    private final ApiKeys keys = new ApiKeys();

    public ApiKeyIdentityProvider(ApiKeysConfig config,
                                  @ConfigProperty(name = "greenwave.demo.device-key") Optional<String> demoKey) {
        config.apiKeyGroups().forEach((name, group) -> keys.add(name, group.sha256(), new HashSet<>(group.roles()),
                new HashSet<>(group.permissions().orElse(List.of()))));
        demoKey.filter(k -> !k.isBlank()).ifPresent(k -> keys.addKey("demo", k, Set.of("device"),
                new HashSet<>(config.demoKeyPermissions())));
        if (keys.isEmpty()) {
            LOG.warn("no device API keys configured (greenwave.auth.api-key-groups.*, greenwave.demo.device-key):"
                    + " every device request will be refused with 401");
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
                .addRoles(holder.roles());
        holder.permissions().forEach(identity::addPermissionAsString);
        return Uni.createFrom().item(identity.build());
    }
}
