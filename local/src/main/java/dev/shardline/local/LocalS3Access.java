package dev.shardline.local;

import dev.shardline.platform.auth.CredentialStore;
import dev.shardline.platform.auth.SecurityMode;
import dev.shardline.platform.auth.SecurityProperties;
import dev.shardline.platform.auth.SecurityProperties.Credential;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Who may use the embedded S3 endpoint, following {@code shardline.security.mode}: in {@code enforce} the configured
 * credentials of the AWS endpoint (and Shardline's own key), their signatures verified; in {@code accept-any} any
 * signed request, as on the AWS endpoint. Unsigned requests are refused in both.
 */
final class LocalS3Access {

    /** The access key id Shardline's own S3 clients sign with; its secret is made anew by every process. */
    static final String INTERNAL_KEY_ID = "shardline-internal";

    private LocalS3Access() {}

    static String newSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /**
     * @param ownKeys key pairs of Shardline's own clients (by access key id), let in besides the configured
     *     credentials
     */
    static EmbeddedS3Server.Access of(ConfigurableEnvironment environment, Map<String, String> ownKeys) {
        SecurityProperties security =
                Binder.get(environment).bindOrCreate("shardline.security", SecurityProperties.class);
        if (security.mode() != SecurityMode.ENFORCE) {
            return EmbeddedS3Server.Access.anySignature();
        }
        CredentialStore credentials = CredentialStore.of(security);
        Map<String, String> own = Map.copyOf(ownKeys);
        return EmbeddedS3Server.Access.keys(keyId -> Optional.ofNullable(own.get(keyId))
                .or(() -> credentials.find(keyId).map(Credential::secretAccessKey)));
    }
}
