package dev.shardline.firehose.deliverystream;

import dev.shardline.firehose.delivery.DeliveryStreamStatus;
import dev.shardline.firehose.delivery.Encryption;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface DeliveryStreamRepository extends JpaRepository<DeliveryStream, UUID> {

    @Query("select d from DeliveryStream d where d.accountId = ?1 and d.region = ?2 and d.name = ?3")
    Optional<DeliveryStream> findByRef(String accountId, String region, String name);

    /** The stream's row locked until the transaction ends: its changes (destination, tags) are made one at a time. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select d from DeliveryStream d where d.accountId = ?1 and d.region = ?2 and d.name = ?3")
    Optional<DeliveryStream> lockByRef(String accountId, String region, String name);

    /** As {@link #lockByRef}, for the background steps that move a stream on (active, encrypted, removed). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select d from DeliveryStream d where d.id = ?1")
    Optional<DeliveryStream> lockById(UUID id);

    @Query("select d from DeliveryStream d where d.encryptionStatus in ?1")
    List<DeliveryStream> findByEncryptionStatusIn(List<Encryption.Status> statuses);

    @Query("select d from DeliveryStream d where d.accountId = ?1 and d.region = ?2 and d.name > ?3 order by d.name")
    List<DeliveryStream> findPage(String accountId, String region, String afterName, Limit limit);

    @Query(
            "select d from DeliveryStream d where d.accountId = ?1 and d.region = ?2 and d.type = ?3 and d.name > ?4 order by d.name")
    List<DeliveryStream> findPageOfType(String accountId, String region, String type, String afterName, Limit limit);

    @Query("select d from DeliveryStream d where d.status = ?1")
    List<DeliveryStream> findByStatus(DeliveryStreamStatus status);

    @Query("select count(d) from DeliveryStream d where d.accountId = ?1 and d.region = ?2")
    long countByAccount(String accountId, String region);
}
