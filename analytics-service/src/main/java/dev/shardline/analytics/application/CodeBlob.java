package dev.shardline.analytics.application;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A JAR that is an application's code (ZipFileContent, or an S3 object as it was read), kept in PostgreSQL. */
@Entity
@Table(schema = "analytics", name = "application_code")
class CodeBlob {

    @Id
    private UUID id;

    @Column(name = "application_id", nullable = false)
    private UUID applicationId;

    @Column(nullable = false)
    private String md5;

    @Column(nullable = false)
    private long size;

    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false)
    private byte[] content;

    protected CodeBlob() {}

    CodeBlob(UUID id, UUID applicationId, String md5, byte[] content) {
        this.id = id;
        this.applicationId = applicationId;
        this.md5 = md5;
        this.size = content.length;
        this.content = content;
    }

    byte[] content() {
        return content;
    }
}
