package dev.gdwrtc.lobby;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Join tokens: "EXPIRY.MAC", EXPIRY in Unix seconds, MAC the HMAC-SHA256 of EXPIRY under the
 * shared secret, base64url. A game's backend issues them (or `gdwrtc-lobby.jar token`); clients
 * pass one as the URL's query, ws://host:9080/?token=..., which the demo's client sends unchanged.
 */
final class Tokens {
    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    Tokens(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("a token secret needs at least 16 bytes");
        }
        key = new SecretKeySpec(secret, ALGORITHM);
    }

    String issue(long expiresEpochSeconds) {
        String expiry = Long.toString(expiresEpochSeconds);
        return expiry + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(expiry));
    }

    boolean valid(String token, long nowEpochSeconds) {
        if (token == null) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot > 19) {
            return false;
        }
        String expiry = token.substring(0, dot);
        byte[] given;
        try {
            if (Long.parseLong(expiry) < nowEpochSeconds) {
                return false;
            }
            given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(expiry), given);
    }

    private byte[] mac(String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
