package dev.shardline.firehose.delivery;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Where a delivery stream's records come from. DirectPut records are buffered in the delivery stream's own topic;
 * the other sources are read where they already are.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = Source.DirectPut.class, name = "DirectPut")})
public sealed interface Source {

    /** The DeliveryStreamType AWS reports for this source. */
    String deliveryStreamType();

    /** PutRecord and PutRecordBatch write into the delivery stream's buffer topic. */
    record DirectPut() implements Source {
        @Override
        public String deliveryStreamType() {
            return "DirectPut";
        }
    }
}
