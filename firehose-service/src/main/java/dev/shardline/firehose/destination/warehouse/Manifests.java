package dev.shardline.firehose.destination.warehouse;

import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/** Redshift's COPY manifest: {@code {"entries":[{"url":"s3://bucket/key","mandatory":true}]}}. */
final class Manifests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Manifests() {}

    static byte[] of(List<String> urls) {
        return JSON.writeValueAsBytes(
                new Manifest(urls.stream().map(url -> new Entry(url, true)).toList()));
    }

    record Manifest(List<Entry> entries) {}

    record Entry(String url, boolean mandatory) {}
}
