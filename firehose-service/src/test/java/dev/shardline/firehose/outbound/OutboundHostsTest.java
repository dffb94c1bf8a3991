package dev.shardline.firehose.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The allow-list and the metadata addresses, without a Spring context; DNS answers come from a map. */
class OutboundHostsTest {

    private static final Map<String, String> DNS = Map.of(
            "collector.example.com", "203.0.113.10",
            "rebound.example.com", "169.254.169.254",
            "v6.example.com", "fd00:ec2::254",
            "mapped.example.com", "::ffff:169.254.169.254",
            "inside.corp", "10.1.2.3",
            "outside.corp", "198.51.100.7");

    private static final HostResolver RESOLVER = host -> {
        String address = DNS.get(host);
        if (address == null) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName(address)};
    };

    private static OutboundHosts allowing(String... patterns) {
        return new OutboundHosts(List.of(patterns), RESOLVER);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "169.254.169.254",
                "169.254.0.1",
                "[fd00:ec2::254]",
                "[fe80::1]",
                "[::ffff:169.254.169.254]",
                "[64:ff9b::a9fe:a9fe]",
                "100.100.100.200",
                "metadata.google.internal",
                "METADATA.google.internal.",
                "metadata.goog"
            })
    void metadataHostsAreRefusedAsWrittenEvenWhenEveryHostIsAllowed(String host) {
        assertThatThrownBy(() -> allowing("*").checkConfigured("Url", "http://" + host + "/latest", host))
                .isInstanceOfSatisfying(
                        AwsException.class, e -> assertThat(e.errorType()).isEqualTo(AwsErrorType.INVALID_ARGUMENT))
                .hasMessageStartingWith("Url http://" + host + "/latest is not allowed: ")
                .hasMessageContaining("metadata");
    }

    @Test
    void aNameThatResolvesToAMetadataAddressIsRefusedWhenConnecting() {
        OutboundHosts any = allowing("*");
        assertThatCode(() -> any.checkConfigured("Url", "http://rebound.example.com/", "rebound.example.com"))
                .doesNotThrowAnyException();

        for (String host : List.of("rebound.example.com", "v6.example.com", "mapped.example.com")) {
            assertThatThrownBy(() -> any.resolve(host))
                    .isInstanceOf(OutboundRefusedException.class)
                    .hasMessageStartingWith("host " + host + " resolves to ")
                    .hasMessageEndingWith("a link-local or cloud metadata address, which Firehose never connects to.");
        }
    }

    @Test
    void hostsOffTheListAreRefusedAndListedOnesPass() throws Exception {
        OutboundHosts list = allowing("*.example.com", "inside.corp");

        assertThat(list.resolve("collector.example.com")).containsExactly(InetAddress.getByName("203.0.113.10"));
        assertThat(list.resolve("inside.corp")).containsExactly(InetAddress.getByName("10.1.2.3"));
        assertThatThrownBy(() -> list.resolve("outside.corp"))
                .isInstanceOf(OutboundRefusedException.class)
                .hasMessage("host outside.corp is not in this deployment's outbound allow-list "
                        + "(shardline.firehose.outbound.allowed-hosts).");
        assertThatThrownBy(() -> list.checkConfigured("Url", "https://outside.corp/in", "outside.corp"))
                .isInstanceOf(AwsException.class)
                .hasMessage("Url https://outside.corp/in is not allowed: host outside.corp is not in this "
                        + "deployment's outbound allow-list (shardline.firehose.outbound.allowed-hosts).");
        // *.example.com is the hosts under example.com, not example.com itself.
        assertThatThrownBy(() -> list.checkConfigured("Url", "https://example.com/", "example.com"))
                .isInstanceOf(AwsException.class);
    }

    @Test
    void anAddressRangeAllowsByTheAddressesANameResolvesTo() throws Exception {
        OutboundHosts range = allowing("10.0.0.0/8");

        assertThatCode(() -> range.checkConfigured("Url", "http://inside.corp/", "inside.corp"))
                .doesNotThrowAnyException();
        assertThat(range.resolve("inside.corp")).containsExactly(InetAddress.getByName("10.1.2.3"));
        assertThatThrownBy(() -> range.resolve("outside.corp")).isInstanceOf(OutboundRefusedException.class);
        assertThatThrownBy(() -> range.checkConfigured("Url", "http://outside.corp/", "outside.corp"))
                .isInstanceOf(AwsException.class)
                .hasMessageEndingWith("host outside.corp is not in this deployment's outbound allow-list "
                        + "(shardline.firehose.outbound.allowed-hosts).");
        assertThatThrownBy(() -> range.checkConfigured("Url", "http://rebound.example.com/", "rebound.example.com"))
                .isInstanceOf(AwsException.class)
                .hasMessageEndingWith("host rebound.example.com resolves to 169.254.169.254, a link-local or cloud "
                        + "metadata address, which Firehose never connects to.");
        assertThatCode(() -> range.checkConfigured("Url", "http://10.200.0.1/", "10.200.0.1"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> range.checkConfigured("Url", "http://11.0.0.1/", "11.0.0.1"))
                .isInstanceOf(AwsException.class);
    }

    @Test
    void noListAllowsNoHost() {
        assertThatThrownBy(() ->
                        allowing().checkConfigured("Url", "https://collector.example.com/", "collector.example.com"))
                .isInstanceOf(AwsException.class);
        assertThatThrownBy(() -> allowing().resolve("collector.example.com"))
                .isInstanceOf(OutboundRefusedException.class);
    }

    @Test
    void anUnresolvableHostIsRefusedWhenConnecting() {
        assertThatThrownBy(() -> allowing("*").resolve("nowhere.example.com"))
                .isInstanceOf(OutboundRefusedException.class)
                .hasMessage("host nowhere.example.com could not be resolved.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0.0/x", "a*b.com", "host/8", ""})
    void malformedPatternsStopTheStart(String pattern) {
        assertThatThrownBy(() -> allowing(pattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("shardline.firehose.outbound.allowed-hosts: ");
    }
}
