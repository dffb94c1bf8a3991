/**
 * A batch's way from the buffer to its destination: the records and batches, the processing and writer ports that
 * {@code processing} and each {@code destination} implement, delivery errors and CloudWatch-named metrics.
 */
package dev.shardline.firehose.pipeline;
