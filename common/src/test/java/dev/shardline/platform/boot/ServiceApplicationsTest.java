package dev.shardline.platform.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.platform.auth.AuthConfiguration;
import dev.shardline.platform.auth.CredentialStore;
import dev.shardline.platform.auth.SecurityMode;
import dev.shardline.platform.auth.SecurityProperties;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * A standalone service, started through its {@code main} ({@link ServiceApplications#run}), verifies SigV4 signatures
 * unless told otherwise: without a credential it does not start; accept-any only when configured. (Each service's
 * {@code main} is one call of {@code ServiceApplications.run}; the web server is left out here.)
 */
class ServiceApplicationsTest {

    private static final String NO_WEB = "--spring.main.web-application-type=none";

    @Configuration(proxyBeanMethods = false)
    @Import(AuthConfiguration.class)
    static class SecurityOnly {}

    @Test
    void aStandaloneServiceEnforcesByDefault() {
        try (ConfigurableApplicationContext context =
                ServiceApplications.run(SecurityOnly.class, "shardline-test", new String[] {
                    NO_WEB,
                    "--shardline.security.credentials[0].access-key-id=AKIDSTANDALONE",
                    "--shardline.security.credentials[0].secret-access-key=standalone-secret",
                    "--shardline.security.credentials[0].account-id=111122223333"
                })) {
            assertThat(context.getBean(SecurityProperties.class).mode()).isEqualTo(SecurityMode.ENFORCE);
            assertThat(context.getBean(CredentialStore.class).size()).isEqualTo(1);
        }
    }

    @Test
    void aStandaloneServiceWithoutCredentialsDoesNotStart() {
        assertThatThrownBy(() -> ServiceApplications.run(SecurityOnly.class, "shardline-test", new String[] {NO_WEB})
                        .close())
                .rootCause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shardline.security.mode=enforce needs at least one credential")
                .hasMessageContaining("shardline.security.mode=accept-any");
    }

    @Test
    void acceptAnyOnlyWhenConfigured() {
        try (ConfigurableApplicationContext context = ServiceApplications.run(
                SecurityOnly.class, "shardline-test", new String[] {NO_WEB, "--shardline.security.mode=accept-any"})) {
            assertThat(context.getBean(SecurityProperties.class).mode()).isEqualTo(SecurityMode.ACCEPT_ANY);
        }
    }
}
