package dev.shardline.firehose.outbound;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;

/**
 * One entry of {@code shardline.firehose.outbound.allowed-hosts}: {@code *} (any host), {@code *.example.com} (the
 * hosts under example.com), {@code collector.example.com} (that name), an address ({@code 10.1.2.3}, {@code ::1}) or
 * an address range ({@code 10.0.0.0/8}, {@code fd00::/8}).
 */
sealed interface HostPattern {

    /** Matches the host as it is written in a URL: a name, or an address literal. */
    boolean matchesName(String host);

    /** Matches an address the host resolved to. */
    boolean matchesAddress(InetAddress address);

    static HostPattern parse(String text) {
        String pattern = text.trim().toLowerCase(Locale.ROOT);
        if (pattern.equals("*")) {
            return new Any();
        }
        if (pattern.startsWith("*.")) {
            return new Suffix(pattern.substring(1));
        }
        int slash = pattern.indexOf('/');
        String address = slash < 0 ? pattern : pattern.substring(0, slash);
        Optional<InetAddress> literal = Hosts.literal(address);
        if (literal.isPresent()) {
            int bits = literal.get().getAddress().length * 8;
            int prefix;
            try {
                prefix = slash < 0 ? bits : Integer.parseInt(pattern.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("shardline.firehose.outbound.allowed-hosts: '" + text
                        + "' has no valid prefix length (0 to " + bits + ")");
            }
            return new Range(literal.get().getAddress(), prefix);
        }
        if (slash >= 0 || pattern.isEmpty() || pattern.contains("*")) {
            throw new IllegalArgumentException("shardline.firehose.outbound.allowed-hosts: '" + text
                    + "' is neither *, *.domain, a host name, an address nor an address range");
        }
        return new Name(pattern);
    }

    record Any() implements HostPattern {
        @Override
        public boolean matchesName(String host) {
            return true;
        }

        @Override
        public boolean matchesAddress(InetAddress address) {
            return true;
        }
    }

    /** {@code suffix} starts with the dot: {@code .example.com}. */
    record Suffix(String suffix) implements HostPattern {
        @Override
        public boolean matchesName(String host) {
            return Hosts.normalized(host).endsWith(suffix);
        }

        @Override
        public boolean matchesAddress(InetAddress address) {
            return false;
        }
    }

    record Name(String name) implements HostPattern {
        @Override
        public boolean matchesName(String host) {
            return Hosts.normalized(host).equals(name);
        }

        @Override
        public boolean matchesAddress(InetAddress address) {
            return false;
        }
    }

    record Range(byte[] network, int prefix) implements HostPattern {
        @Override
        public boolean matchesName(String host) {
            return Hosts.literal(host).map(this::matchesAddress).orElse(false);
        }

        @Override
        public boolean matchesAddress(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (bytes[whole] & mask) == (network[whole] & mask);
        }
    }
}
