package dev.shardline.firehose.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Addresses and names that Firehose never connects to, whatever the allow-list says: link-local addresses, where
 * clouds serve instance metadata and credentials (169.254.169.254, fd00:ec2::254), and the metadata host names.
 */
final class MetadataAddresses {

    static final Set<String> NAMES = Set.of("metadata.google.internal", "metadata.goog");

    private static final InetAddress AWS_IPV6 = literal("fd00:ec2::254");
    private static final InetAddress ALIBABA = literal("100.100.100.200");
    private static final byte[] NAT64_PREFIX = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};

    private MetadataAddresses() {}

    static boolean isMetadataName(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return NAMES.contains(name);
    }

    static boolean isMetadata(InetAddress address) {
        if (address instanceof Inet4Address) {
            byte[] b = address.getAddress();
            return (b[0] == (byte) 169 && b[1] == (byte) 254) || address.equals(ALIBABA);
        }
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            if (v6.isLinkLocalAddress() || address.equals(AWS_IPV6)) {
                return true;
            }
            // An IPv4 address inside IPv6 (::a.b.c.d, or NAT64's 64:ff9b::a.b.c.d) reaches the IPv4 host.
            if (v6.isIPv4CompatibleAddress() || Arrays.equals(b, 0, 12, NAT64_PREFIX, 0, 12)) {
                return isMetadata(literal(Arrays.copyOfRange(b, 12, 16)));
            }
        }
        return false;
    }

    private static InetAddress literal(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InetAddress literal(byte[] address) {
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
