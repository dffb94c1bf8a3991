package dev.shardline.firehose.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Host names and address literals as they appear in URLs. */
final class Hosts {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private Hosts() {}

    /** Lower case, without a trailing dot or IPv6 brackets. */
    static String normalized(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** The address a literal host stands for, without asking DNS; empty for a name. */
    static Optional<InetAddress> literal(String host) {
        String h = normalized(host);
        if (!IPV4.matcher(h).matches() && !h.contains(":")) {
            return Optional.empty();
        }
        try {
            // A literal is parsed, never looked up.
            return Optional.of(InetAddress.getByName(h));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
