package dev.shardline.analytics.application;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ApplicationVersionRepository extends JpaRepository<ApplicationVersion, UUID> {

    @Query("select v from ApplicationVersion v where v.applicationId = ?1 and v.content.versionId = ?2")
    Optional<ApplicationVersion> find(UUID applicationId, long versionId);

    /** Newest first, as AWS lists them. */
    @Query(
            "select v from ApplicationVersion v where v.applicationId = ?1 and v.content.versionId < ?2 order by v.content.versionId desc")
    List<ApplicationVersion> findPage(UUID applicationId, long beforeVersion, Limit limit);
}
