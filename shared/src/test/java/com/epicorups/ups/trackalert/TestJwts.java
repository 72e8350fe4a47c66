package com.epicorups.ups.trackalert;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;

/** Signs test JWTs with keys generated in the test, and writes their JWKS. */
final class TestJwts {
    /** Where the JWT tests' clocks start; the tokens' times are counted from it. */
    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    private TestJwts() {
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair ec() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String b64(String s) {
        return b64(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] unsigned(BigInteger i, int length) {
        byte[] raw = i.toByteArray();
        if (length <= 0) {
            return raw[0] == 0 && raw.length > 1 ? Arrays.copyOfRange(raw, 1, raw.length) : raw;
        }
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }

    static String rsaJwk(String kid, KeyPair pair) {
        RSAPublicKey k = (RSAPublicKey) pair.getPublic();
        return "{\"kty\":\"RSA\",\"use\":\"sig\",\"kid\":\"" + kid + "\",\"n\":\"" + b64(unsigned(k.getModulus(), 0))
                + "\",\"e\":\"" + b64(unsigned(k.getPublicExponent(), 0)) + "\"}";
    }

    static String ecJwk(String kid, KeyPair pair) {
        ECPublicKey k = (ECPublicKey) pair.getPublic();
        return "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"" + kid + "\",\"x\":\"" + b64(unsigned(k.getW().getAffineX(), 32))
                + "\",\"y\":\"" + b64(unsigned(k.getW().getAffineY(), 32)) + "\"}";
    }

    static String jwks(String... jwks) {
        return "{\"keys\":[" + String.join(",", jwks) + "]}";
    }

    static String sign(String alg, String kid, String claimsJson, PrivateKey key) {
        String header = "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"" + (kid == null ? "" : ",\"kid\":\"" + kid + "\"") + "}";
        String signingInput = b64(header) + "." + b64(claimsJson);
        String jca = switch (alg) {
            case "RS256" -> "SHA256withRSA";
            case "RS384" -> "SHA384withRSA";
            case "RS512" -> "SHA512withRSA";
            case "ES256" -> "SHA256withECDSAinP1363Format";
            default -> throw new IllegalArgumentException(alg);
        };
        try {
            Signature s = Signature.getInstance(jca);
            s.initSign(key);
            s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(s.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RS256 token by {@code key} under {@code kid} for the one audience {@code aud}, without nbf. */
    static String rs256Token(KeyPair key, String kid, String iss, String aud, long exp) {
        return sign("RS256", kid, claims(iss, "\"" + aud + "\"", exp, null), key.getPrivate());
    }

    static String claims(String iss, String audJson, long exp, Long nbf) {
        return "{\"iss\":\"" + iss + "\",\"aud\":" + audJson + ",\"exp\":" + exp + (nbf == null ? "" : ",\"nbf\":" + nbf)
                + ",\"sub\":\"ups-client\"}";
    }
}
