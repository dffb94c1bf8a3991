package dev.shardline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.platform.auth.SecurityMode;
import dev.shardline.platform.boot.ServiceApplications;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

/**
 * The all-in-one runtime's security mode: accept-any by default only while it listens on loopback, enforce by default
 * anywhere else, and a start on another address with neither a mode nor a credential refused before anything starts.
 */
class LocalSecurityModeTest {

    @TempDir
    Path dataDir;

    @Test
    void acceptAnyByDefaultOnLoopback() {
        assertThat(modeFor(Map.of("server.address", "127.0.0.1"))).isEqualTo("accept-any");
        assertThat(modeFor(Map.of("server.address", "::1"))).isEqualTo("accept-any");
        assertThat(modeFor(Map.of("server.address", "localhost"))).isEqualTo("accept-any");
    }

    @Test
    void enforceByDefaultBeyondLoopbackWhenCredentialsAreConfigured() {
        Map<String, Object> credential = Map.of(
                "shardline.security.credentials[0].access-key-id", "AKIDLOCAL",
                "shardline.security.credentials[0].secret-access-key", "local-secret",
                "shardline.security.credentials[0].account-id", "111122223333");
        assertThat(modeFor(with(credential, "server.address", "0.0.0.0"))).isEqualTo("enforce");
        assertThat(modeFor(with(credential, "server.address", "::"))).isEqualTo("enforce");
        assertThat(modeFor(credential)).as("no server.address: every interface").isEqualTo("enforce");
        assertThat(modeFor(Map.of("server.address", "0.0.0.0", "shardline.security.credentials-file", "/etc/keys")))
                .isEqualTo("enforce");
    }

    @Test
    void anExplicitModeIsKept() {
        assertThat(modeFor(Map.of("server.address", "0.0.0.0", "shardline.security.mode", "accept-any")))
                .isEqualTo("accept-any");
        assertThat(modeFor(Map.of("server.address", "127.0.0.1", "shardline.security.mode", "enforce")))
                .isEqualTo("enforce");
    }

    @Test
    void beyondLoopbackWithoutModeOrCredentialTheEnvironmentIsRefused() {
        assertThatThrownBy(() -> modeFor(Map.of("server.address", "0.0.0.0")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Shardline listens on 0.0.0.0, not on loopback only");
        assertThatThrownBy(() -> modeFor(Map.of()))
                .hasMessageStartingWith("Shardline listens on every interface, not on loopback only");
    }

    @Test
    void theRuntimeBoundToEveryInterfaceWithoutCredentialsDoesNotStart() {
        // Refused while the environment is prepared, before the embedded servers start.
        assertThatThrownBy(() -> LocalApplication.application()
                        .run("--server.address=0.0.0.0", "--server.port=0", "--shardline.data-dir=" + dataDir)
                        .close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Shardline listens on 0.0.0.0, not on loopback only")
                .hasMessageContaining("shardline.security.mode=accept-any");
    }

    @Test
    void theReadyLineSaysTheModeTheAddressAndWhetherItIsTls() {
        MockEnvironment everywhere = new MockEnvironment()
                .withProperty("server.address", "0.0.0.0")
                .withProperty("local.server.port", "4566");
        assertThat(LocalApplication.edgeUrl(everywhere)).isEqualTo("http://localhost:4566");
        assertThat(LocalApplication.security(everywhere, SecurityMode.ENFORCE, 2))
                .isEqualTo("security mode enforce (SigV4 verified, 2 credential(s)), listening on 0.0.0.0, plain HTTP");

        MockEnvironment loopback = new MockEnvironment()
                .withProperty("server.address", "127.0.0.1")
                .withProperty("local.server.port", "4566");
        assertThat(LocalApplication.security(loopback, SecurityMode.ACCEPT_ANY, 0))
                .isEqualTo("security mode accept-any (any signature passes: local play only), listening on 127.0.0.1,"
                        + " plain HTTP");

        MockEnvironment oneAddress = new MockEnvironment()
                .withProperty("server.address", "fd00::5")
                .withProperty("local.server.port", "4566")
                .withProperty("server.ssl.bundle", "edge");
        assertThat(LocalApplication.edgeUrl(oneAddress)).isEqualTo("https://[fd00::5]:4566");
        assertThat(LocalApplication.security(oneAddress, SecurityMode.ENFORCE, 1))
                .endsWith("listening on fd00::5, TLS");
        assertThat(LocalApplication.edgeUrl(new MockEnvironment()
                        .withProperty("server.address", "10.1.2.3")
                        .withProperty("local.server.port", "4566")))
                .isEqualTo("http://10.1.2.3:4566");
    }

    /** The mode the runtime's environment ends with, over its shared defaults (which say enforce). */
    private static String modeFor(Map<String, Object> configured) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", configured));
        environment
                .getPropertySources()
                .addLast(new MapPropertySource("defaultProperties", ServiceApplications.defaults("shardline-local")));
        LocalSecurityMode.apply(environment);
        return environment.getProperty(LocalSecurityMode.MODE);
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, String value) {
        Map<String, Object> map = new HashMap<>(base);
        map.put(key, value);
        return map;
    }
}
