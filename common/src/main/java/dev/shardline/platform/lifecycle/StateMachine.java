package dev.shardline.platform.lifecycle;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The legal moves between the states of a resource (a stream, a consumer, a delivery stream, an application), declared
 * once per kind of resource. Its aggregate asks {@link #move} instead of writing {@code if} chains, and says in its
 * refusal what AWS answers (usually ResourceInUseException naming the state the move needs).
 *
 * <pre>{@code
 * static final StateMachine<StreamStatus> LIFECYCLE = StateMachine.of(StreamStatus.class)
 *         .allow(CREATING, ACTIVE).allow(ACTIVE, UPDATING).allow(UPDATING, ACTIVE)
 *         .allow(ACTIVE, DELETING).allow(UPDATING, DELETING)
 *         .build();
 * status = LIFECYCLE.move(status, ACTIVE, (from, to) -> notActive(from));
 * }</pre>
 */
public final class StateMachine<S extends Enum<S>> {

    private final Map<S, Set<S>> moves;

    private StateMachine(Map<S, Set<S>> moves) {
        this.moves = moves;
    }

    public static <S extends Enum<S>> Builder<S> of(Class<S> states) {
        return new Builder<>(states);
    }

    /** Whether a resource in {@code from} may move to {@code to}. */
    public boolean allows(S from, S to) {
        return moves.get(from).contains(to);
    }

    /** The states from which a resource may move to {@code to}: what a refusal tells the caller it needs. */
    public Set<S> sourcesOf(S to) {
        Set<S> sources = EnumSet.noneOf(to.getDeclaringClass());
        moves.forEach((from, targets) -> {
            if (targets.contains(to)) {
                sources.add(from);
            }
        });
        return Collections.unmodifiableSet(sources);
    }

    /** {@code to}, if the move is legal; otherwise the exception that {@code refusal} makes of the move is thrown. */
    public S move(S from, S to, BiFunction<S, S, ? extends RuntimeException> refusal) {
        if (!allows(from, to)) {
            throw refusal.apply(from, to);
        }
        return to;
    }

    /** Throws what {@code refusal} makes unless the resource is in one of {@code required} (for actions that do not move it). */
    @SafeVarargs
    public static <S extends Enum<S>> void require(
            S current, BiFunction<S, Set<S>, ? extends RuntimeException> refusal, S... required) {
        Set<S> allowed = EnumSet.of(required[0], required);
        if (!allowed.contains(current)) {
            throw refusal.apply(current, allowed);
        }
    }

    public static final class Builder<S extends Enum<S>> {
        private final Class<S> states;
        private final Map<S, EnumSet<S>> moves;

        private Builder(Class<S> states) {
            this.states = states;
            this.moves = new EnumMap<>(states);
            for (S state : states.getEnumConstants()) {
                moves.put(state, EnumSet.noneOf(states));
            }
        }

        public Builder<S> allow(S from, S to) {
            moves.get(from).add(to);
            return this;
        }

        public StateMachine<S> build() {
            Map<S, Set<S>> frozen = new EnumMap<>(states);
            moves.forEach((from, targets) -> frozen.put(from, Collections.unmodifiableSet(targets.clone())));
            return new StateMachine<>(Collections.unmodifiableMap(frozen));
        }
    }
}
