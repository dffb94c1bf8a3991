package dev.shardline.video.media.playback;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.video.VideoProperties;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Session tokens: the session sealed with AES-256-GCM, so a token is opaque to its holder and cannot be forged or
 * altered. The key is {@code shardline.video.session-key}, or one drawn at start (then a token is good only on the
 * instance that made it, and only until it restarts).
 */
@Component
class SessionTokens {

    private static final int NONCE_BYTES = 12;

    private final SecretKey key;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SessionTokens(VideoProperties properties, Clock clock) {
        byte[] bytes = new byte[32];
        if (properties.sessionKey() != null && !properties.sessionKey().isBlank()) {
            bytes = Base64.getDecoder().decode(properties.sessionKey());
        } else {
            new SecureRandom().nextBytes(bytes);
        }
        this.key = new SecretKeySpec(bytes, "AES");
        this.clock = clock;
    }

    String seal(PlaybackSession session) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(session.encode().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                            .put(nonce)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The session a token stands for; a token that does not open, or has expired, is NotAuthorized as in AWS. */
    PlaybackSession open(String token) {
        if (token == null || token.isBlank()) {
            throw AwsErrorType.MISSING_AUTHENTICATION_TOKEN.exception("SessionToken is required");
        }
        PlaybackSession session;
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(token);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, bytes, 0, NONCE_BYTES));
            byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            session = PlaybackSession.decode(new String(plain, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw AwsErrorType.NOT_AUTHORIZED.exception("The session token is not valid.");
        }
        if (!clock.instant().isBefore(session.expires())) {
            throw AwsErrorType.NOT_AUTHORIZED.exception("The session token has expired.");
        }
        return session;
    }
}
