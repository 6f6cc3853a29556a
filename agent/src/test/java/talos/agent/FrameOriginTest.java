package talos.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import talos.protocol.SessionCommand;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Verifies which session and satellite the controller names for frames received at a time. */
@Timeout(10)
class FrameOriginTest {

  private static final Instant START = Instant.parse("2026-03-20T12:00:00Z");
  private static final Instant END = START.plusSeconds(600);

  /** Verifies the session and NORAD id during a session, the NORAD id for 60 s after, then none. */
  @Test
  void namesTheSessionThenItsSatelliteForAMinuteThenNothing() {
    // GIVEN a controller whose clock says the session ends at END
    StationController controller = controller();
    assertThat(controller.frameOrigin(START)).isNull();

    // WHEN a session for NORAD 25544 starts
    answer(controller, SessionCommand.Action.START, "s1", 25544, START);

    // THEN frames belong to the session and its satellite
    assertThat(controller.frameOrigin(START.plusSeconds(1)))
        .isEqualTo(new FrameRelay.Origin("s1", 25544));

    // WHEN the session is stopped
    answer(controller, SessionCommand.Action.STOP, "s1", null, END);

    // THEN for 60 s frames name the satellite and no session, and after that nothing
    assertThat(controller.frameOrigin(END.plusSeconds(59)))
        .isEqualTo(new FrameRelay.Origin(null, 25544));
    assertThat(controller.frameOrigin(END.plusSeconds(60))).isNull();
  }

  /** Verifies that a session started without a NORAD id names no satellite. */
  @Test
  void namesNothingForASessionWithoutANoradId() {
    // GIVEN a controller running a session without a NORAD id
    StationController controller = controller();
    answer(controller, SessionCommand.Action.START, "s2", null, START);

    // WHEN frames are received during it
    // THEN no satellite is known
    assertThat(controller.frameOrigin(START.plusSeconds(1))).isNull();
  }

  private static StationController controller() {
    AgentConfig config = AgentConfig.fromJson(TestConfigs.station(1883, "unused"));
    return new StationController(config.safety(), null, null, event -> { },
        Clock.fixed(END, ZoneOffset.UTC), null);
  }

  private static void answer(StationController controller, SessionCommand.Action action,
                             String session, Integer norad, Instant at) {
    SessionCommand command = new SessionCommand(action.name() + "-" + session, action, 1, session,
        norad, null, at);
    assertThat(controller.onSession(command, at).result().code()).isEqualTo(200);
  }
}
