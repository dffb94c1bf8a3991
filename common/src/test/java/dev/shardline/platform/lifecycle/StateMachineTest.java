package dev.shardline.platform.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StateMachineTest {

    enum Status {
        CREATING,
        ACTIVE,
        UPDATING,
        DELETING
    }

    private static final StateMachine<Status> LIFECYCLE = StateMachine.of(Status.class)
            .allow(Status.CREATING, Status.ACTIVE)
            .allow(Status.ACTIVE, Status.UPDATING)
            .allow(Status.UPDATING, Status.ACTIVE)
            .allow(Status.ACTIVE, Status.DELETING)
            .build();

    @Test
    void aDeclaredMoveGivesTheNewState() {
        assertThat(LIFECYCLE.move(Status.CREATING, Status.ACTIVE, StateMachineTest::refused))
                .isEqualTo(Status.ACTIVE);
        assertThat(LIFECYCLE.move(Status.UPDATING, Status.ACTIVE, StateMachineTest::refused))
                .isEqualTo(Status.ACTIVE);
    }

    @Test
    void anUndeclaredMoveThrowsTheRefusalMadeOfIt() {
        assertThatThrownBy(() -> LIFECYCLE.move(Status.CREATING, Status.DELETING, StateMachineTest::refused))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("CREATING -> DELETING");
        assertThatThrownBy(() -> LIFECYCLE.move(Status.DELETING, Status.ACTIVE, StateMachineTest::refused))
                .hasMessage("DELETING -> ACTIVE");
    }

    @Test
    void sourcesOfAStateAreTheStatesThatMayMoveToIt() {
        assertThat(LIFECYCLE.sourcesOf(Status.ACTIVE)).containsExactly(Status.CREATING, Status.UPDATING);
        assertThat(LIFECYCLE.sourcesOf(Status.CREATING)).isEmpty();
    }

    @Test
    void requireRefusesAStateOutsideTheRequiredOnes() {
        StateMachine.require(Status.ACTIVE, (s, allowed) -> new IllegalStateException(), Status.ACTIVE);
        assertThatThrownBy(() -> StateMachine.require(
                        Status.UPDATING,
                        (s, allowed) -> new IllegalStateException(s + " not in " + allowed),
                        Status.ACTIVE,
                        Status.CREATING))
                .hasMessage("UPDATING not in [CREATING, ACTIVE]");
    }

    private static IllegalStateException refused(Status from, Status to) {
        return new IllegalStateException(from + " -> " + to);
    }
}
