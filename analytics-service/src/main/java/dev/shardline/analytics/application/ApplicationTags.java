package dev.shardline.analytics.application;

import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * TagResource, UntagResource and ListTagsForResource on an application's ARN. Changes lock the application's row, so
 * concurrent TagResource calls cannot together pass the limit of 50 tags.
 */
@Service
public class ApplicationTags {

    private final ApplicationRepository applications;

    ApplicationTags(ApplicationRepository applications) {
        this.applications = applications;
    }

    @Transactional
    public void tag(ApplicationRef ref, Map<String, String> tags) {
        locked(ref).tag(tags);
    }

    @Transactional
    public void untag(ApplicationRef ref, Collection<String> keys) {
        locked(ref).untag(keys);
    }

    @Transactional(readOnly = true)
    public SortedMap<String, String> list(ApplicationRef ref) {
        return applications
                .findByRef(ref.accountId(), ref.region(), ref.name())
                .orElseThrow(() -> ApplicationErrors.notFound(ref))
                .tags();
    }

    private Application locked(ApplicationRef ref) {
        return applications
                .lockByRef(ref.accountId(), ref.region(), ref.name())
                .orElseThrow(() -> ApplicationErrors.notFound(ref));
    }
}
