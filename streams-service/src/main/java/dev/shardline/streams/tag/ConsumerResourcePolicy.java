package dev.shardline.streams.tag;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** The resource-based policy of an enhanced fan-out consumer, a JSON document kept as the caller sent it. */
@Entity
@Table(schema = "streams", name = "consumer_resource_policy")
class ConsumerResourcePolicy {

    @Id
    @Column(name = "consumer_id")
    private UUID consumerId;

    @Column(nullable = false)
    private String policy;

    protected ConsumerResourcePolicy() {}
}
