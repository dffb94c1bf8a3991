package dev.shardline.analytics.application;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface ApplicationRepository extends JpaRepository<Application, UUID> {

    @Query("select a from AnalyticsApplication a where a.accountId = ?1 and a.region = ?2 and a.name = ?3")
    Optional<Application> findByRef(String accountId, String region, String name);

    /** The application's row locked until the transaction ends: its changes are made one at a time. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from AnalyticsApplication a where a.accountId = ?1 and a.region = ?2 and a.name = ?3")
    Optional<Application> lockByRef(String accountId, String region, String name);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from AnalyticsApplication a where a.id = ?1")
    Optional<Application> lockById(UUID id);

    @Query(
            "select a from AnalyticsApplication a where a.accountId = ?1 and a.region = ?2 and a.name > ?3 order by a.name")
    List<Application> findPage(String accountId, String region, String afterName, Limit limit);

    @Query("select a from AnalyticsApplication a where a.status in ?1")
    List<Application> findByStatusIn(Collection<ApplicationStatus> statuses);

    @Query("select count(a) from AnalyticsApplication a where a.accountId = ?1 and a.region = ?2")
    long countByAccount(String accountId, String region);
}
