package dev.shardline.video.media;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The fragment index in PostgreSQL: fragment numbers are handed out here, and a fragment is indexed once stored. */
@Service
public class FragmentIndex {

    private final FragmentRepository fragments;
    private final FragmentEventRepository events;

    FragmentIndex(FragmentRepository fragments, FragmentEventRepository events) {
        this.fragments = fragments;
        this.events = events;
    }

    /** A new fragment number, for a fragment that arrives at {@code serverTime}. */
    @Transactional
    public String nextNumber(Instant serverTime) {
        return FragmentNumbers.of(serverTime, fragments.nextCounter());
    }

    /**
     * Indexes a fragment whose bytes are already durable in the object store, and leaves its event in the outbox in
     * the same transaction (no dual write: the event goes to Kafka from there).
     */
    @Transactional
    public void record(FragmentView fragment, String eventPayload) {
        fragments.saveAndFlush(new Fragment(fragment));
        events.save(new FragmentEvent(fragment.streamId(), eventPayload, fragment.serverTimestamp()));
    }

    /** Which timestamp a time range selects fragments by (ListFragments' FragmentSelectorType). */
    public enum TimestampKind {
        PRODUCER_TIMESTAMP,
        SERVER_TIMESTAMP
    }

    /** A page of fragments and whether more follow. */
    public record FragmentPage(List<FragmentView> fragments, boolean hasMore) {}

    /**
     * A stream's fragments whose {@code kind} timestamp lies in {@code [from, to]}, after fragment {@code afterNumber}
     * (null: from the first), in the order they arrived.
     */
    @Transactional(readOnly = true)
    public FragmentPage page(
            UUID streamId, TimestampKind kind, Instant from, Instant to, String afterNumber, int limit) {
        String after = afterNumber == null ? "" : afterNumber;
        List<Fragment> rows = kind == TimestampKind.SERVER_TIMESTAMP
                ? fragments.byServerTime(streamId, from, to, after, Limit.of(limit + 1))
                : fragments.byProducerTime(streamId, from, to, after, Limit.of(limit + 1));
        List<FragmentView> page = rows.stream().map(Fragment::view).toList();
        return page.size() > limit ? new FragmentPage(page.subList(0, limit), true) : new FragmentPage(page, false);
    }

    /** The fragments of a stream with these numbers, in the order of {@code numbers}; absent ones are left out. */
    @Transactional(readOnly = true)
    public List<FragmentView> byNumbers(UUID streamId, List<String> numbers) {
        java.util.Map<String, FragmentView> found = new java.util.HashMap<>();
        fragments.byNumbers(streamId, numbers).forEach(f -> found.put(f.view().fragmentNumber(), f.view()));
        return numbers.stream().filter(found::containsKey).map(found::get).toList();
    }

    /** A stream's {@code limit} latest fragments, in the order they arrived. */
    @Transactional(readOnly = true)
    public List<FragmentView> latest(UUID streamId, int limit) {
        List<FragmentView> ordered = new java.util.ArrayList<>(fragments.latest(streamId, Limit.of(limit)).stream()
                .map(Fragment::view)
                .toList());
        java.util.Collections.reverse(ordered);
        return ordered;
    }

    /**
     * The {@code limit} latest of a stream's fragments whose {@code kind} timestamp lies in {@code [from, to]}, in the
     * order they arrived.
     */
    @Transactional(readOnly = true)
    public List<FragmentView> latest(UUID streamId, TimestampKind kind, Instant from, Instant to, int limit) {
        List<Fragment> rows = kind == TimestampKind.SERVER_TIMESTAMP
                ? fragments.latestByServerTime(streamId, from, to, Limit.of(limit))
                : fragments.latestByProducerTime(streamId, from, to, Limit.of(limit));
        List<FragmentView> ordered =
                new java.util.ArrayList<>(rows.stream().map(Fragment::view).toList());
        java.util.Collections.reverse(ordered);
        return ordered;
    }

    /** How many of a stream's fragments arrived before fragment {@code number}. */
    @Transactional(readOnly = true)
    public long countBefore(UUID streamId, String number) {
        return fragments.countBefore(streamId, number);
    }

    /** Up to {@code limit} fragments past their stream's retention at {@code now}. */
    @Transactional(readOnly = true)
    public List<FragmentView> expired(Instant now, int limit) {
        return fragments.expired(now, limit).stream().map(Fragment::view).toList();
    }

    /** Takes a fragment out of the index (its object goes after: an index row never points at nothing). */
    @Transactional
    public void remove(FragmentView fragment) {
        fragments.deleteById(new Fragment.Key(fragment.streamId(), fragment.fragmentNumber()));
    }

    /** A stream's fragments in the order they arrived. */
    @Transactional(readOnly = true)
    public List<FragmentView> of(UUID streamId) {
        return fragments.findByStream(streamId).stream().map(Fragment::view).toList();
    }
}
