package dev.shardline.analytics.application;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface SnapshotRepository extends JpaRepository<Snapshot, UUID> {

    @Query("select s from AnalyticsSnapshot s where s.applicationId = ?1 and s.name = ?2")
    Optional<Snapshot> find(UUID applicationId, String name);

    /** Newest first. */
    @Query("select s from AnalyticsSnapshot s where s.applicationId = ?1 order by s.createdAt desc, s.name")
    List<Snapshot> findByApplication(UUID applicationId);

    @Query(
            "select s from AnalyticsSnapshot s where s.applicationId = ?1 and s.status = 'READY' order by s.createdAt desc")
    List<Snapshot> findReady(UUID applicationId);

    @Query("select s from AnalyticsSnapshot s where s.status = 'CREATING'")
    List<Snapshot> findCreating();
}
