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
 * no credentials at all: the 401 then names <em>every</em> scheme this service accepts
 * ({@code WWW-Authenticate: ApiKey header="X-API-Key", Basic realm="greenwave", Bearer}; RFC 9110 allows several
 * challenges in one header), so a client learns that it may send a key, HTTP Basic or a bearer token. A request that
 * did present credentials gets the challenge of the scheme it used (the built-in Basic and OIDC mechanisms answer
 * for theirs).
 */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String HEADER = "X-API-Key";
    public static final String API_KEY_CHALLENGE = "ApiKey header=\"" + HEADER + "\"";
    /** Above Basic (2000) and OIDC: asked first, so that its challenge lists every scheme. */
    static final int PRIORITY = 3000;

    private final ApiKeyIdentityProvider keys;
    private final Optional<String> basicChallenge;
    private final boolean bearer;

    /**
     * @param basic whether the service takes HTTP Basic: {@code greenwave.auth.basic}, which the service's
     *              {@code quarkus.http.auth.basic} (a build-time setting, not readable at run time) is set from
     */
    public ApiKeyAuthenticationMechanism(ApiKeyIdentityProvider keys,
                                         @ConfigProperty(name = "greenwave.auth.basic", defaultValue = "false") boolean basic,
                                         @ConfigProperty(name = "quarkus.http.auth.realm") Optional<String> realm,
                                         @ConfigProperty(name = "quarkus.oidc.tenant-enabled") Optional<Boolean> oidc) {
        this.keys = keys;
        this.basicChallenge = basic ? Optional.of("Basic realm=\"" + realm.orElse("Quarkus") + "\"") : Optional.empty();
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
        String challenge = challenge(context);
        return challenge == null ? Uni.createFrom().nullItem()
                : Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", challenge));
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        String challenge = challenge(context);
        if (challenge == null) {
            return Uni.createFrom().item(false);
        }
        context.response().setStatusCode(401).headers().set("WWW-Authenticate", challenge);
        return Uni.createFrom().item(true);
    }

    /**
     * The challenge for a request that failed: the API-key scheme when a key was presented; nothing (null) when
     * Basic or a bearer token was presented and this service takes it (that mechanism answers); otherwise every
     * scheme the service accepts, comma-separated in one header as RFC 9110 allows.
     */
    String challenge(RoutingContext context) {
        String key = context.request().getHeader(HEADER);
        if (key != null && !key.isBlank()) {
            return API_KEY_CHALLENGE;
        }
        String authorization = context.request().getHeader("Authorization");
        if (authorization != null && acceptsScheme(authorization)) {
            return null;
        }
        return String.join(", ", challenges());
    }

    /** Every scheme this service accepts, as challenges. */
    List<String> challenges() {
        Optional<String> basic = basicChallenge;
        List<String> out = new ArrayList<>();
        if (keys.hasKeys() || (basic.isEmpty() && !bearer)) {
            out.add(API_KEY_CHALLENGE);
        }
        basic.ifPresent(out::add);
        if (bearer) {
            out.add("Bearer");
        }
        return out;
    }

    private boolean acceptsScheme(String authorization) {
        String lower = authorization.trim().toLowerCase(Locale.ROOT);
        return (basicChallenge.isPresent() && lower.startsWith("basic "))
                || (bearer && lower.startsWith("bearer "));
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
