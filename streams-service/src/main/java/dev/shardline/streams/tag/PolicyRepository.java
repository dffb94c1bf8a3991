package dev.shardline.streams.tag;

import java.util.Optional;
import java.util.UUID;

/** What {@link ResourcePolicyService} needs from the policies of one kind of resource, keyed by the resource's id. */
interface PolicyRepository {

    /** Sets or replaces the policy in one statement, so two concurrent puts cannot collide on the insert. */
    void upsert(UUID resourceId, String policy);

    Optional<String> policyOf(UUID resourceId);

    /** Removes the policy; a resource without one is left as it is. */
    void remove(UUID resourceId);
}
