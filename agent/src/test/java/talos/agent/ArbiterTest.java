package talos.agent;

import org.junit.jupiter.api.Test;
import talos.driver.DeviceKind;
import talos.protocol.Telemetry.Holder;
import talos.protocol.Telemetry.Lock;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The hardware mutex between the network and local programs, at explicit instants. */
class ArbiterTest {

  private static final Instant T0 = Instant.parse("2026-03-20T12:00:00Z");
  private static final String GPREDICT = "127.0.0.1:50412";
  private static final String SATNOGS = "127.0.0.1:50500";

  private Arbiter.Network network;
  private final Arbiter arbiter = new Arbiter(EnumSet.allOf(DeviceKind.class),
      Duration.ofSeconds(30), now -> Optional.ofNullable(network));

  /** The first program to move a device holds it; another is refused, naming the holder. */
  @Test
  void theFirstProgramHoldsADevice() {
    // GIVEN no one holds the rotator
    // WHEN Gpredict moves it, then the SatNOGS client tries
    Optional<String> first = arbiter.claim(DeviceKind.ROTATOR, GPREDICT, T0);
    Optional<String> second = arbiter.claim(DeviceKind.ROTATOR, SATNOGS, T0.plusSeconds(1));

    // THEN Gpredict holds it and the SatNOGS client is told who does
    assertThat(first).isEmpty();
    assertThat(second).get().asString().contains("held by the local program " + GPREDICT)
        .contains("silent for 30s");
    assertThat(arbiter.locks(T0.plusSeconds(1)).get("rotator"))
        .isEqualTo(new Lock(Holder.LOCAL, GPREDICT, null, T0));
    // AND the radio is another lock, free for the SatNOGS client
    assertThat(arbiter.claim(DeviceKind.RADIO, SATNOGS, T0.plusSeconds(1))).isEmpty();
    assertThat(arbiter.locks(T0.plusSeconds(1)).get("radio").client()).isEqualTo(SATNOGS);
  }

  /** Any command of the holder keeps its lock; idleRelease of silence frees it. */
  @Test
  void releasesALockAfterIdleReleaseOfSilence() {
    // GIVEN Gpredict holding the rotator, reading its position now and then
    arbiter.claim(DeviceKind.ROTATOR, GPREDICT, T0);
    arbiter.touch(GPREDICT, T0.plusSeconds(20));

    // WHEN another program asks 29 s after the last read, then 30 s after it
    Optional<String> early = arbiter.claim(DeviceKind.ROTATOR, SATNOGS, T0.plusSeconds(49));
    Optional<String> late = arbiter.claim(DeviceKind.ROTATOR, SATNOGS, T0.plusSeconds(50));

    // THEN it is refused first, then takes the rotator
    assertThat(early).isPresent();
    assertThat(late).isEmpty();
    assertThat(arbiter.locks(T0.plusSeconds(50)).get("rotator").client()).isEqualTo(SATNOGS);
  }

  /** A program that disconnects frees what it held at once. */
  @Test
  void releasesTheLocksOfAProgramThatDisconnects() {
    // GIVEN Gpredict holding both devices
    arbiter.claim(DeviceKind.ROTATOR, GPREDICT, T0);
    arbiter.claim(DeviceKind.RADIO, GPREDICT, T0);

    // WHEN it disconnects
    arbiter.release(GPREDICT, T0.plusSeconds(1));

    // THEN both are free
    assertThat(arbiter.locks(T0.plusSeconds(1))).containsEntry("rotator", Lock.free())
        .containsEntry("radio", Lock.free());
  }

  /** While the network controls the station, every program is refused and may only read. */
  @Test
  void refusesEveryProgramWhileTheNetworkControlsTheStation() {
    // GIVEN the network running a session
    network = new Arbiter.Network("pass-42", T0);

    // WHEN a program asks for the rotator
    Optional<String> refused = arbiter.claim(DeviceKind.ROTATOR, GPREDICT, T0.plusSeconds(1));

    // THEN it is refused, naming the session, and telemetry shows the network holding both
    assertThat(refused).get().asString().contains("session pass-42").contains("only read");
    assertThat(arbiter.locks(T0.plusSeconds(1))).containsEntry("rotator",
        new Lock(Holder.NETWORK, null, "pass-42", T0)).containsEntry("radio",
        new Lock(Holder.NETWORK, null, "pass-42", T0));
  }

  /**
   * The network takes over a device a program holds: the lock is revoked, the program is told on
   * its next move, and may take the device again once the network is done.
   */
  @Test
  void revokesALocalLockWhenTheNetworkTakesOverAndTellsTheProgramOnce() {
    // GIVEN Gpredict holding the rotator
    arbiter.claim(DeviceKind.ROTATOR, GPREDICT, T0);

    // WHEN the network starts a session, which ends before Gpredict's next move
    network = new Arbiter.Network("pass-42", T0.plusSeconds(5));
    arbiter.networkTook(network, T0.plusSeconds(5));
    network = null;
    Optional<String> told = arbiter.claim(DeviceKind.ROTATOR, GPREDICT, T0.plusSeconds(10));
    Optional<String> again = arbiter.claim(DeviceKind.ROTATOR, GPREDICT, T0.plusSeconds(11));

    // THEN the lock was gone at once, Gpredict is told why on its next move, then takes it again
    assertThat(told).get().asString().contains("your lock of the rotator was revoked")
        .contains("session pass-42");
    assertThat(again).isEmpty();
  }
}
