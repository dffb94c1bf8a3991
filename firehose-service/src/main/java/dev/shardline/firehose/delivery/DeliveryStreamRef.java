package dev.shardline.firehose.delivery;

/** A delivery stream's name within an account and region. */
public record DeliveryStreamRef(String accountId, String region, String name) {

    public String arn() {
        return "arn:aws:firehose:" + region + ":" + accountId + ":deliverystream/" + name;
    }
}
