package dev.shardline.firehose.s3;

import java.util.regex.Pattern;

/** Tells the test store's in-flight files apart from the objects the service wrote. */
final class WrittenObjects {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    /** S3Proxy's filesystem store writes {@code <key>-<uuid>} first and renames it: lists may show it meanwhile. */
    private static final Pattern IN_FLIGHT = Pattern.compile(".*" + UUID + "(\\.[0-9a-z.]+)?-" + UUID);

    private WrittenObjects() {}

    static boolean written(String key) {
        return !IN_FLIGHT.matcher(key).matches();
    }
}
