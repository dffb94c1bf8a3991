package dev.shardline.analytics.application;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface CodeBlobRepository extends JpaRepository<CodeBlob, UUID> {

    @Query("select b.id from CodeBlob b where b.applicationId = ?1")
    List<UUID> findIdsByApplication(UUID applicationId);
}
