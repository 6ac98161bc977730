package org.greenwave.service.support.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * HTTP Basic identities for people (engineers, viewers) in the demo and on small installations:
 * <ul>
 *   <li>the demo engineer, generated for each {@code ./greenwave demo} run ({@code greenwave.demo.engineer-user},
 *       {@code greenwave.demo.engineer-password}; nothing is accepted when no password was given);</li>
 *   <li>configured people: {@code greenwave.security.people.<user>.sha256=<hex of SHA-256 of the password>} and
 *       {@code greenwave.security.people.<user>.roles=engineer,viewer} — hashes, never passwords, in configuration.</li>
 * </ul>
 * Production installations use OIDC/JWT instead (see the services' READMEs).
 */
@ApplicationScoped
public class PeopleIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    public static final String ENGINEER = "engineer";
    public static final String VIEWER = "viewer";

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        String user = request.getUsername();
        String password = new String(request.getPassword().getPassword());
        return roles(ConfigProvider.getConfig(), user, password)
                .map(roles -> Uni.createFrom().<SecurityIdentity>item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(user)).addRoles(roles).build()))
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("unknown user or password")));
    }

    static Optional<Set<String>> roles(Config config, String user, String password) {
        Optional<String> demoPassword = config.getOptionalValue("greenwave.demo.engineer-password", String.class)
                .filter(p -> !p.isBlank());
        String demoUser = config.getOptionalValue("greenwave.demo.engineer-user", String.class).orElse(ENGINEER);
        if (demoPassword.isPresent() && demoUser.equals(user) && constantTimeEquals(demoPassword.get(), password)) {
            return Optional.of(Set.of(ENGINEER, VIEWER));
        }
        Optional<String> hash = config.getOptionalValue("greenwave.security.people." + user + ".sha256", String.class);
        if (hash.isPresent() && constantTimeEquals(hash.get().toLowerCase(), sha256(password))) {
            String roles = config.getOptionalValue("greenwave.security.people." + user + ".roles", String.class)
                    .orElse(VIEWER);
            return Optional.of(Set.of(roles.split("\\s*,\\s*")));
        }
        return Optional.empty();
    }

    static String sha256(String password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** For documentation and tests: the configuration entries for a person. */
    public static Map<String, String> entries(String user, String password, String roles) {
        return Map.of("greenwave.security.people." + user + ".sha256", sha256(password),
                "greenwave.security.people." + user + ".roles", roles);
    }
}
