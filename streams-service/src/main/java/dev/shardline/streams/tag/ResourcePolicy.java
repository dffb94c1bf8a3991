package dev.shardline.streams.tag;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** The resource-based policy of a stream, a JSON document kept as the caller sent it. */
@Entity
@Table(schema = "streams", name = "resource_policy")
class ResourcePolicy {

    @Id
    @Column(name = "stream_id")
    private UUID streamId;

    @Column(nullable = false)
    private String policy;

    protected ResourcePolicy() {}
}
