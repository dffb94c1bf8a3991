package dev.shardline.analytics.application;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface OperationRepository extends JpaRepository<Operation, String> {

    @Query("select o from AnalyticsOperation o where o.applicationId = ?1 and o.id = ?2")
    Optional<Operation> find(UUID applicationId, String id);

    /** Newest first. */
    @Query("select o from AnalyticsOperation o where o.applicationId = ?1 order by o.startTime desc, o.id")
    List<Operation> findByApplication(UUID applicationId);

    @Query("select o from AnalyticsOperation o where o.applicationId = ?1 and o.status = 'IN_PROGRESS'")
    List<Operation> findInProgress(UUID applicationId);
}
