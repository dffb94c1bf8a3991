package dev.shardline.firehose.destination.web;

/** Request and response shapes of the Firehose actions, with AWS's member names. */
public final class DestinationShapes {

    private DestinationShapes() {}

    public record BufferingHints(Integer sizeInMBs, Integer intervalInSeconds) {}
}
