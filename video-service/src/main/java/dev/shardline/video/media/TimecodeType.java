package dev.shardline.video.media;

/** PutMedia's {@code x-amzn-fragment-timecode-type}: cluster timecodes since the epoch, or since the producer start. */
public enum TimecodeType {
    ABSOLUTE,
    RELATIVE
}
