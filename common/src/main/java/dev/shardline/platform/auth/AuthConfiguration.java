package dev.shardline.platform.auth;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The configured credentials and the SigV4 verifier over them; imported with the AWS wire adapters. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class AuthConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AuthConfiguration.class);

    @Bean
    CredentialStore credentialStore(SecurityProperties properties) {
        CredentialStore store = CredentialStore.of(properties);
        if (properties.mode() == SecurityMode.ENFORCE && store.size() == 0) {
            // enforce with no key would refuse every caller: a configuration mistake, said at start rather than later
            throw new IllegalStateException("shardline.security.mode=enforce needs at least one credential"
                    + " (shardline.security.credentials[0].* or shardline.security.credentials-file); enforce is the"
                    + " standalone services' default, shardline.security.mode=accept-any lets anyone who reaches the"
                    + " port act as any account (local play only)");
        }
        log.info("AWS wire security: mode {}, {} credential(s)", properties.mode(), store.size());
        return store;
    }

    @Bean
    SigV4Verifier sigV4Verifier(CredentialStore credentials) {
        return new SigV4Verifier(credentials, Clock.systemUTC());
    }
}
