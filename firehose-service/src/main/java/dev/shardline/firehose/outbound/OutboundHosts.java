package dev.shardline.firehose.outbound;

import dev.shardline.firehose.FirehoseProperties;
import dev.shardline.platform.error.AwsErrorType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The hosts that Firehose calls out to (HTTP endpoints, Lambda function URLs, warehouse JDBC hosts) pass
 * {@code shardline.firehose.outbound.allowed-hosts}, and link-local and cloud metadata addresses are refused whatever
 * it says. Checked twice: on the configured URL when a delivery stream is created or its destination updated, and on
 * the addresses the host resolves to right before each connection, so a name that resolves to a metadata address is
 * refused too.
 */
@Component
public class OutboundHosts {

    private static final String PROPERTY = "shardline.firehose.outbound.allowed-hosts";

    private final List<HostPattern> allowed;
    private final HostResolver resolver;

    @Autowired
    OutboundHosts(FirehoseProperties properties, ObjectProvider<HostResolver> resolver) {
        this(properties.outbound().allowedHosts(), resolver.getIfAvailable(() -> HostResolver.SYSTEM));
    }

    OutboundHosts(List<String> allowedHosts, HostResolver resolver) {
        this.allowed = allowedHosts.stream().map(HostPattern::parse).toList();
        this.resolver = resolver;
    }

    /** Any host but the metadata ones, resolved by the JVM: for tests that call out without a Spring context. */
    public static OutboundHosts anyButMetadata() {
        return new OutboundHosts(List.of("*"), HostResolver.SYSTEM);
    }

    /**
     * Refuses a configured {@code url} (member {@code member} of the request) whose host is a metadata name or address,
     * or is not allowed, with InvalidArgumentException. A name that only an address pattern could allow is resolved
     * now and must resolve to allowed addresses; each connection checks it again.
     */
    public void checkConfigured(String member, String url, String host) {
        Optional<String> refused = refusedAsWritten(Hosts.normalized(host));
        if (refused.isPresent()) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(member + " " + url + " is not allowed: " + refused.get());
        }
    }

    /**
     * The addresses to connect to for {@code host}, each one checked: refused when the host is a metadata name, any
     * of its addresses is a metadata address, or neither its name nor all its addresses are allowed.
     */
    public List<InetAddress> resolve(String host) throws OutboundRefusedException {
        if (host == null || host.isBlank()) {
            throw new OutboundRefusedException("the URL names no host.");
        }
        String name = Hosts.normalized(host);
        if (MetadataAddresses.isMetadataName(name)) {
            throw new OutboundRefusedException(metadataName(name));
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(name);
        } catch (UnknownHostException e) {
            throw new OutboundRefusedException("host " + name + " could not be resolved.");
        }
        Optional<String> refused = refusedAddresses(name, addresses)
                .or(() -> allowedByName(name) || allowedByAddress(addresses)
                        ? Optional.empty()
                        : Optional.of(notListed(name)));
        if (refused.isPresent()) {
            throw new OutboundRefusedException(refused.get());
        }
        return List.of(addresses);
    }

    private Optional<String> refusedAsWritten(String name) {
        if (MetadataAddresses.isMetadataName(name)) {
            return Optional.of(metadataName(name));
        }
        Optional<InetAddress> literal = Hosts.literal(name);
        if (literal.isPresent()) {
            if (MetadataAddresses.isMetadata(literal.get())) {
                return Optional.of(
                        name + " is a link-local or cloud metadata address, which Firehose never connects to.");
            }
            return allowedByAddress(new InetAddress[] {literal.get()})
                    ? Optional.empty()
                    : Optional.of(notListed(name));
        }
        if (allowedByName(name)) {
            return Optional.empty();
        }
        if (allowed.stream().noneMatch(p -> p instanceof HostPattern.Range)) {
            return Optional.of(notListed(name));
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(name);
        } catch (UnknownHostException e) {
            return Optional.of(notListed(name));
        }
        return refusedAddresses(name, addresses)
                .or(() -> allowedByAddress(addresses) ? Optional.empty() : Optional.of(notListed(name)));
    }

    private static Optional<String> refusedAddresses(String name, InetAddress[] addresses) {
        return Arrays.stream(addresses)
                .filter(MetadataAddresses::isMetadata)
                .findFirst()
                .map(a -> "host " + name + " resolves to " + a.getHostAddress()
                        + ", a link-local or cloud metadata address, which Firehose never connects to.");
    }

    private boolean allowedByName(String name) {
        return allowed.stream().anyMatch(p -> p.matchesName(name));
    }

    private boolean allowedByAddress(InetAddress[] addresses) {
        return addresses.length > 0
                && Arrays.stream(addresses).allMatch(a -> allowed.stream().anyMatch(p -> p.matchesAddress(a)));
    }

    private static String metadataName(String name) {
        return name + " is a cloud metadata host, which Firehose never connects to.";
    }

    private static String notListed(String name) {
        return "host " + name + " is not in this deployment's outbound allow-list (" + PROPERTY + ").";
    }
}
