package dev.shardline.video.media;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The fragment index in PostgreSQL: fragment numbers are handed out here, and a fragment is indexed once stored. */
@Service
public class FragmentIndex {

    private final FragmentRepository fragments;

    FragmentIndex(FragmentRepository fragments) {
        this.fragments = fragments;
    }

    /** A new fragment number, for a fragment that arrives at {@code serverTime}. */
    @Transactional
    public String nextNumber(Instant serverTime) {
        return FragmentNumbers.of(serverTime, fragments.nextCounter());
    }

    /** Indexes a fragment whose bytes are already durable in the object store. */
    @Transactional
    public void record(FragmentView fragment) {
        fragments.saveAndFlush(new Fragment(fragment));
    }

    /** A stream's fragments in the order they arrived. */
    @Transactional(readOnly = true)
    public List<FragmentView> of(UUID streamId) {
        return fragments.findByStream(streamId).stream().map(Fragment::view).toList();
    }
}
