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

/** The tags of one stream. */
@Entity
@Table(schema = "streams", name = "stream_tag_set")
class StreamTags extends TagSet {

    @Id
    @Column(name = "stream_id")
    private UUID streamId;

    @ElementCollection
    @CollectionTable(schema = "streams", name = "stream_tag", joinColumns = @JoinColumn(name = "stream_id"))
    @MapKeyColumn(name = "tag_key")
    @Column(name = "tag_value", nullable = false)
    private Map<String, String> tags = new HashMap<>();

    protected StreamTags() {}

    StreamTags(UUID streamId) {
        this.streamId = streamId;
    }

    @Override
    protected Map<String, String> tags() {
        return tags;
    }
}
