package org.greenwave.service.support.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * API keys in the {@code X-API-Key} header (devices, field controllers), for every greenwave service. No header:
 * anonymous (a protected endpoint answers 401); an unknown key: 401; a known key without the endpoint's role or
 * permission: 403.
 *
 * <p>It is asked first (highest priority), which also makes it the one that answers a request that presented
 * no credentials at all: the 401 then names <em>every</em> scheme this service accepts, one
 * {@code WWW-Authenticate} header each (RFC 9110 allows several), so a client learns that it may send a key,
 * HTTP Basic or a bearer token. A request that did present credentials gets the challenge of the scheme it
 * used (the built-in Basic and OIDC mechanisms answer for theirs).
 */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String HEADER = "X-API-Key";
    public static final String API_KEY_CHALLENGE = "ApiKey header=\"" + HEADER + "\"";
    /** Above Basic (2000) and OIDC: asked first, so that its challenge lists every scheme. */
    static final int PRIORITY = 3000;

    private final ApiKeyIdentityProvider keys;
    private final boolean basic;
    private final String realm;
    private final boolean bearer;

    public ApiKeyAuthenticationMechanism(ApiKeyIdentityProvider keys,
                                         @ConfigProperty(name = "quarkus.http.auth.basic") Optional<Boolean> basic,
                                         @ConfigProperty(name = "quarkus.http.auth.realm") Optional<String> realm,
                                         @ConfigProperty(name = "quarkus.oidc.tenant-enabled") Optional<Boolean> oidc) {
        this.keys = keys;
        this.basic = basic.orElse(false);
        this.realm = realm.orElse("Quarkus");
        this.bearer = oidc.orElse(false);
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String key = context.request().getHeader(HEADER);
        if (key == null || key.isBlank()) {
            return Uni.createFrom().optional(Optional.empty());
        }
        // this mechanism answers for the request from now on (its challenge, not another scheme's)
        context.put(HttpAuthenticationMechanism.class.getName(), this);
        ApiKeyAuthenticationRequest request = new ApiKeyAuthenticationRequest(key.trim());
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        return identityProviderManager.authenticate(request);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", API_KEY_CHALLENGE));
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        String key = context.request().getHeader(HEADER);
        String authorization = context.request().getHeader("Authorization");
        if ((key == null || key.isBlank()) && authorization != null && acceptsScheme(authorization)) {
            return Uni.createFrom().item(false); // Basic or Bearer was presented: that mechanism challenges
        }
        var response = context.response();
        response.setStatusCode(401);
        if (key != null && !key.isBlank()) {
            response.headers().add("WWW-Authenticate", API_KEY_CHALLENGE);
        } else {
            challenges().forEach(c -> response.headers().add("WWW-Authenticate", c));
        }
        return Uni.createFrom().item(true);
    }

    /** Every scheme this service accepts, as challenges. */
    public List<String> challenges() {
        List<String> out = new ArrayList<>();
        if (keys.hasKeys() || (!basic && !bearer)) {
            out.add(API_KEY_CHALLENGE);
        }
        if (basic) {
            out.add("Basic realm=\"" + realm + "\"");
        }
        if (bearer) {
            out.add("Bearer");
        }
        return out;
    }

    private boolean acceptsScheme(String authorization) {
        String lower = authorization.trim().toLowerCase(Locale.ROOT);
        return (basic && lower.startsWith("basic ")) || (bearer && lower.startsWith("bearer "));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.OTHER_HEADER, HEADER));
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }
}
