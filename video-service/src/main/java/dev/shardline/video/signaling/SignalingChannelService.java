package dev.shardline.video.signaling;

import dev.shardline.platform.tag.TagPage;
import dev.shardline.video.VideoProperties;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The control plane of signaling channels: what the AWS actions, the REST API and the relay call. */
@Service
public class SignalingChannelService {

    private static final Logger log = LoggerFactory.getLogger(SignalingChannelService.class);

    private final SignalingChannelRepository channels;
    private final SignalingRelay relay;
    private final VideoProperties properties;
    private final Clock clock;

    SignalingChannelService(
            SignalingChannelRepository channels, SignalingRelay relay, VideoProperties properties, Clock clock) {
        this.channels = channels;
        this.relay = relay;
        this.properties = properties;
        this.clock = clock;
    }

    /** A page of channels and whether more follow. */
    public record ChannelPage(List<ChannelView> channels, boolean hasMore) {}

    @Transactional
    public ChannelView create(ChannelSelector ref, String type, Integer messageTtlSeconds, Map<String, String> tags) {
        if (channels.findByName(ref.accountId(), ref.region(), ref.name()).isPresent()) {
            throw SignalingChannelErrors.alreadyExists(ref.name());
        }
        int limit = properties.webrtc().channelLimit();
        if (channels.countByAccount(ref.accountId(), ref.region()) >= limit) {
            throw SignalingChannelErrors.channelLimit(limit);
        }
        SignalingChannel channel = SignalingChannel.create(ref, type, messageTtlSeconds, tags, clock.instant());
        try {
            channels.saveAndFlush(channel);
        } catch (DataIntegrityViolationException raced) {
            throw SignalingChannelErrors.alreadyExists(ref.name());
        }
        log.info("Signaling channel {} created", ref.name());
        return channel.view();
    }

    @Transactional(readOnly = true)
    public ChannelView describe(ChannelSelector ref) {
        return find(ref).view();
    }

    @Transactional(readOnly = true)
    public ChannelPage list(String accountId, String region, String prefix, String afterName, int limit) {
        List<ChannelView> page = channels
                .findPage(
                        accountId,
                        region,
                        afterName == null ? "" : afterName,
                        prefix == null ? "" : prefix,
                        Limit.of(limit + 1))
                .stream()
                .map(SignalingChannel::view)
                .toList();
        return page.size() > limit ? new ChannelPage(page.subList(0, limit), true) : new ChannelPage(page, false);
    }

    @Transactional
    public ChannelView update(ChannelSelector ref, String currentVersion, Integer messageTtlSeconds) {
        SignalingChannel channel = lock(ref);
        channel.update(currentVersion, messageTtlSeconds);
        ChannelView view = channel.view();
        afterCommit(() -> relay.retune(view));
        return view;
    }

    /** The channel goes at once; its connected peers are disconnected once that is committed. */
    @Transactional
    public void delete(ChannelSelector ref, String currentVersion) {
        SignalingChannel channel = lock(ref);
        channel.checkVersion(currentVersion);
        channels.delete(channel);
        String arn = channel.arn().toString();
        afterCommit(() -> relay.close(arn));
        log.info("Signaling channel {} deleted", channel.name());
    }

    @Transactional
    public void tag(ChannelSelector ref, Map<String, String> tags) {
        lock(ref).addTags(tags);
    }

    @Transactional
    public void untag(ChannelSelector ref, Collection<String> keys) {
        lock(ref).removeTags(keys);
    }

    @Transactional(readOnly = true)
    public TagPage tags(ChannelSelector ref, String exclusiveStartKey, int limit) {
        return TagPage.of(find(ref).tags(), exclusiveStartKey, limit);
    }

    private SignalingChannel find(ChannelSelector ref) {
        return channels.findByName(ref.accountId(), ref.region(), ref.name())
                .filter(c -> ref.arn() == null || c.arn().equals(ref.arn()))
                .orElseThrow(SignalingChannelErrors::notFound);
    }

    private SignalingChannel lock(ChannelSelector ref) {
        return channels.lockByName(ref.accountId(), ref.region(), ref.name())
                .filter(c -> ref.arn() == null || c.arn().equals(ref.arn()))
                .orElseThrow(SignalingChannelErrors::notFound);
    }

    private static void afterCommit(Runnable action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
