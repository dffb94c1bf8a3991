package dev.shardline.video.media;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.shardline.platform.aws.AwsWireFormat;
import java.nio.charset.StandardCharsets;

/**
 * One PutMedia acknowledgement as AWS writes it on the response while the media streams in: a JSON object per line,
 * {@code {"EventType":"PERSISTED","FragmentTimecode":1700000000000,"FragmentNumber":"9134..."}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Ack(String eventType, Long fragmentTimecode, String fragmentNumber, Integer errorId, String errorCode) {

    static Ack of(String eventType, long timecode, String fragmentNumber) {
        return new Ack(eventType, timecode, fragmentNumber, null, null);
    }

    static Ack idle() {
        return new Ack("IDLE", null, null, null, null);
    }

    static Ack error(Long timecode, String fragmentNumber, AckError error) {
        return new Ack("ERROR", timecode, fragmentNumber, error.id(), error.name());
    }

    byte[] line() {
        String json = new String(AwsWireFormat.JSON.mapper().writeValueAsBytes(this), StandardCharsets.UTF_8);
        return (json + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
