package dev.shardline.firehose.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** How a host name becomes addresses before Firehose connects: the JVM's resolver, unless a bean says otherwise. */
@FunctionalInterface
public interface HostResolver {

    HostResolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
}
