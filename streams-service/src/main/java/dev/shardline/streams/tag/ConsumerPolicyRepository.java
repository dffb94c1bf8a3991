package dev.shardline.streams.tag;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** The resource policies of enhanced fan-out consumers. */
interface ConsumerPolicyRepository extends JpaRepository<ConsumerResourcePolicy, UUID>, PolicyRepository {

    @Override
    @Modifying
    @Query(
            value = "insert into streams.consumer_resource_policy (consumer_id, policy) values (?1, ?2) "
                    + "on conflict (consumer_id) do update set policy = excluded.policy",
            nativeQuery = true)
    void upsert(UUID consumerId, String policy);

    @Override
    @Query("select p.policy from ConsumerResourcePolicy p where p.consumerId = ?1")
    Optional<String> policyOf(UUID consumerId);

    @Override
    @Modifying
    @Query("delete from ConsumerResourcePolicy p where p.consumerId = ?1")
    void remove(UUID consumerId);
}
