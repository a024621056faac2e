package org.isms.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Signs access tokens shaped like Keycloak's (realm roles in {@code realm_access.roles}, the
 * {@code tenant} claim, audience {@code isms-api}) with a key pair made for this test JVM, whose
 * public half {@link OidcResource} gives the application. Fast, and any claim can be set, including
 * wrong ones for the tests that must be refused.
 */
public final class TestTokens {
    /**
     * Token times are the wall clock's, not the application's {@code TestClock}: the OIDC layer checks {@code iat}
     * and {@code exp} against the system time, whatever a test did to the application's clock.
     */
    private static final Clock WALL_CLOCK = Clock.systemUTC();
    public static final String ISSUER = "https://keycloak.isms.test/realms/isms";
    public static final String AUDIENCE = "isms-api";
    static final String PRIVATE_KEY = "isms.test.jwt.private";
    static final String PUBLIC_KEY = "isms.test.jwt.public";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestTokens() {
    }

    /** The subject (stable user id) the tokens of a user name carry, unless a test sets another. */
    public static String subjectOf(String username) {
        return UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A token builder for a user of tenant {@code acme} with the given realm roles. */
    public static Builder user(String username, String... roles) {
        return new Builder(username).roles(roles);
    }

    /** The public key (X.509 SubjectPublicKeyInfo, base64) the application verifies tokens with. */
    public static synchronized String publicKey() {
        keys();
        return System.getProperty(PUBLIC_KEY);
    }

    private static synchronized PrivateKey privateKey() {
        keys();
        try {
            byte[] der = Base64.getDecoder().decode(System.getProperty(PRIVATE_KEY));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void keys() {
        if (System.getProperty(PRIVATE_KEY) != null) {
            return;
        }
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            KeyPair pair = gen.generateKeyPair();
            System.setProperty(PRIVATE_KEY, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
            System.setProperty(PUBLIC_KEY, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static final class Builder {
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private String alg = "RS256";

        private Builder(String username) {
            Instant now = WALL_CLOCK.instant();
            claims.put("iss", ISSUER);
            claims.put("sub", subjectOf(username));
            claims.put("preferred_username", username);
            claims.put("aud", AUDIENCE);
            claims.put("azp", "isms-cli");
            claims.put("typ", "Bearer");
            claims.put("iat", now.getEpochSecond());
            claims.put("exp", now.plus(Duration.ofMinutes(5)).getEpochSecond());
            claims.put("jti", UUID.randomUUID().toString());
            claims.put("tenant", "acme");
        }

        public Builder roles(String... roles) {
            claims.put("realm_access", Map.of("roles", List.of(roles)));
            return this;
        }

        public Builder tenant(String tenant) {
            if (tenant == null) {
                claims.remove("tenant");
            } else {
                claims.put("tenant", tenant);
            }
            return this;
        }

        public Builder issuer(String issuer) {
            claims.put("iss", issuer);
            return this;
        }

        public Builder audience(String audience) {
            claims.put("aud", audience);
            return this;
        }

        /** Expired {@code ago} ago. */
        public Builder expired(Duration ago) {
            Instant exp = WALL_CLOCK.instant().minus(ago);
            claims.put("exp", exp.getEpochSecond());
            claims.put("iat", exp.minus(Duration.ofMinutes(5)).getEpochSecond());
            return this;
        }

        /** Sets a claim; null leaves it out. */
        public Builder claim(String name, Object value) {
            if (value == null) {
                claims.remove(name);
            } else {
                claims.put(name, value);
            }
            return this;
        }

        /** An unsigned token ({@code alg=none}), which must always be refused. */
        public String unsigned() {
            alg = "none";
            return encode(header()) + "." + encode(claims) + ".";
        }

        public String sign() {
            String signingInput = encode(header()) + "." + encode(claims);
            try {
                Signature rsa = Signature.getInstance("SHA256withRSA");
                rsa.initSign(privateKey());
                rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
                return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private Map<String, Object> header() {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("alg", alg);
            h.put("typ", "JWT");
            return h;
        }

        private static String encode(Object json) {
            try {
                return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(json));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
