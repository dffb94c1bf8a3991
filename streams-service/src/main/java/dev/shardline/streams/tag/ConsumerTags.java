package dev.shardline.streams.tag;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The tags of one enhanced fan-out consumer. */
@Entity
@Table(schema = "streams", name = "consumer_tag_set")
class ConsumerTags extends TagSet {

    @Id
    @Column(name = "consumer_id")
    private UUID consumerId;

    @ElementCollection
    @CollectionTable(schema = "streams", name = "consumer_tag", joinColumns = @JoinColumn(name = "consumer_id"))
    @MapKeyColumn(name = "tag_key")
    @Column(name = "tag_value", nullable = false)
    private Map<String, String> tags = new HashMap<>();

    protected ConsumerTags() {}

    @Override
    protected Map<String, String> tags() {
        return tags;
    }
}
