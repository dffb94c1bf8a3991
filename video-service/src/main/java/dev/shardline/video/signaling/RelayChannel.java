package dev.shardline.video.signaling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One signaling channel's peers and the messages waiting for a peer that is offline. Every delivery of a channel goes
 * through its monitor, so a recipient gets messages in the order the relay accepted them, its waiting messages before
 * any new one.
 */
final class RelayChannel {

    private record Pending(String text, Instant expires) {}

    private Duration ttl;
    private SignalingPeer master;
    private final Map<String, SignalingPeer> viewers = new HashMap<>();
    /** When each viewer that is gone was last connected: a master may still send to it within the TTL. */
    private final Map<String, Instant> departed = new HashMap<>();

    private final Deque<Pending> forMaster = new ArrayDeque<>();
    private final Map<String, Deque<Pending>> forViewers = new HashMap<>();

    RelayChannel(Duration ttl) {
        this.ttl = ttl;
    }

    synchronized void retune(Duration newTtl) {
        ttl = newTtl;
    }

    synchronized int viewerCount() {
        return viewers.size();
    }

    synchronized boolean hasViewer(String clientId) {
        return viewers.containsKey(clientId);
    }

    /** The newest master or viewer of an id takes the place of the one before it, which is closed. */
    synchronized void attach(String clientId, SignalingPeer peer, Instant now) {
        SignalingPeer replaced;
        Deque<Pending> waiting;
        if (clientId == null) {
            replaced = master;
            master = peer;
            waiting = forMaster;
        } else {
            replaced = viewers.put(clientId, peer);
            departed.remove(clientId);
            waiting = forViewers.remove(clientId);
        }
        if (replaced != null && replaced != peer) {
            replaced.close("replaced by a newer connection");
        }
        if (waiting != null) {
            expire(waiting, now);
            while (!waiting.isEmpty()) {
                if (!peer.send(waiting.peek().text())) {
                    // gone again already: what is left waits on, as for any offline peer
                    if (clientId == null) {
                        master = null;
                    } else {
                        viewers.remove(clientId);
                        departed.put(clientId, now);
                        forViewers.put(clientId, waiting);
                    }
                    return;
                }
                waiting.poll();
            }
        }
    }

    synchronized void detach(String clientId, SignalingPeer peer, Instant now) {
        if (clientId == null) {
            if (master == peer) {
                master = null;
            }
        } else if (viewers.get(clientId) == peer) {
            viewers.remove(clientId);
            departed.put(clientId, now);
        }
    }

    synchronized void toMaster(String text, Instant now) {
        if (master != null && master.send(text)) {
            return;
        }
        master = null; // where a send failed, the master's connection is gone: the relay hears of it soon
        expire(forMaster, now);
        forMaster.add(new Pending(text, now.plus(ttl)));
    }

    /** False where the viewer is unknown: neither connected nor gone for less than the TTL. */
    synchronized boolean toViewer(String clientId, String text, Instant now) {
        SignalingPeer viewer = viewers.get(clientId);
        if (viewer != null) {
            if (viewer.send(text)) {
                return true;
            }
            viewers.remove(clientId); // its connection is gone, though the relay has not heard yet
            departed.put(clientId, now);
        }
        Instant gone = departed.get(clientId);
        if (gone == null || !gone.plus(ttl).isAfter(now)) {
            departed.remove(clientId);
            return false;
        }
        Deque<Pending> waiting = forViewers.computeIfAbsent(clientId, id -> new ArrayDeque<>());
        expire(waiting, now);
        waiting.add(new Pending(text, now.plus(ttl)));
        return true;
    }

    /** Nobody connected and nothing waiting that could still be delivered: the relay may forget the channel. */
    synchronized boolean idle(Instant now) {
        expire(forMaster, now);
        forViewers.values().forEach(q -> expire(q, now));
        forViewers.values().removeIf(Deque::isEmpty);
        departed.values().removeIf(gone -> !gone.plus(ttl).isAfter(now));
        return master == null && viewers.isEmpty() && forMaster.isEmpty() && forViewers.isEmpty();
    }

    /** Every peer, for closing them all when the channel is deleted. */
    synchronized List<SignalingPeer> peers() {
        List<SignalingPeer> all = new java.util.ArrayList<>(viewers.values());
        if (master != null) {
            all.add(master);
        }
        return all;
    }

    private static void expire(Deque<Pending> queue, Instant now) {
        while (!queue.isEmpty() && !queue.peek().expires().isAfter(now)) {
            queue.poll();
        }
    }
}
