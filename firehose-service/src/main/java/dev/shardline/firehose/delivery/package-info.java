/**
 * What every Firehose feature knows of a delivery stream: its read-only view, name and reference, status, source,
 * destination type, processing, encryption and the lifecycle events the data plane follows. It depends on no feature
 * package, so the features can depend on it without cycles (the aggregate itself is in {@code deliverystream}).
 */
package dev.shardline.firehose.delivery;
