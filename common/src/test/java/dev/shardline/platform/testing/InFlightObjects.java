package dev.shardline.platform.testing;

import java.util.regex.Pattern;

/**
 * Tells S3Proxy's in-flight files apart from the objects Shardline writes (named as Firehose names them). Its filesystem store writes {@code <key>-<uuid>} and then
 * renames it, and a listing in between shows the temporary name, which is gone by the time it is read: tests that
 * list and read what a service wrote leave such keys out.
 */
public final class InFlightObjects {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    /** Firehose's object names end in a UUID and an extension; the temporary file appends {@code -<uuid>} to that. */
    private static final Pattern IN_FLIGHT = Pattern.compile(".*" + UUID + "(\\.[0-9a-z!_.*'()-]+)?-" + UUID);

    private InFlightObjects() {}

    /** True for a key that is S3Proxy's temporary file rather than an object. */
    public static boolean isInFlight(String key) {
        return IN_FLIGHT.matcher(key).matches();
    }
}
