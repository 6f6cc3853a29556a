package talos.driver.hamlib;

import org.junit.jupiter.api.Test;
import talos.driver.DriverException;
import talos.driver.FailureCode;
import talos.driver.Range;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Verifies how dump_state answers of the Hamlib versions in use are read. */
class DumpStateTest {

  /**
   * rigctld 4.5's dump_state for its dummy rig, its filter list shortened, as it answers when no
   * client has sent chk_vfo.
   */
  static final String RIG_DUMMY = """
      1
      1
      0
      150000.000000 1500000000.000000 0x1ff -1 -1 0x77e00007 0xf
      0 0 0 0 0 0 0
      150000.000000 1500000000.000000 0x1ff 5000 100000 0x77e00007 0xf
      0 0 0 0 0 0 0
      0x1ff 1
      0x1ff 0
      0 0
      0xc 2400
      0xc 1800
      0x2 500
      0x1 8000
      0x20 15000
      0x40 230000
      0 0
      9990
      9990
      10000
      0
      10\s
      10 20 30\s
      0xffffffffffffffff
      0xffffffffffffffff
      0xfffffffff7ffffff
      0xffffff7083ffffff
      0xffffffffffffffff
      0xffffffffffffffbf
      """;

  /** rotctld 4.5 answers in protocol 1: key=value lines up to done. */
  @Test
  void readsRotctldProtocolOne() {
    // GIVEN rotctld 4.5's answer for its dummy rotator
    ScriptedLines answer = new ScriptedLines("\\dump_state", """
        1
        1
        min_az=-180.000000
        max_az=450.000000
        min_el=0.000000
        max_el=90.000000
        south_zero=0
        rot_type=AzEl
        done
        """);

    // WHEN it is read
    RotatorDump dump = RotatorDump.read(answer);

    // THEN the travel is the dummy's, and the whole answer was read
    assertThat(dump).isEqualTo(new RotatorDump(1, new Range(-180, 450), new Range(0, 90)));
    assertThat(answer.remaining()).isZero();
  }

  /** rotctld 3 answers in protocol 0: six bare lines. */
  @Test
  void readsRotctldProtocolZero() {
    // GIVEN rotctld 3's answer for an EasyComm II with a flip elevation
    ScriptedLines answer = new ScriptedLines("\\dump_state",
        "0\n202\n0.000000\n360.000000\n0.000000\n180.000000\n");

    // WHEN it is read
    RotatorDump dump = RotatorDump.read(answer);

    // THEN the travel is read from the four numbers
    assertThat(dump).isEqualTo(new RotatorDump(202, new Range(0, 360), new Range(0, 180)));
    assertThat(answer.remaining()).isZero();
  }

  /** A travel that is missing or upside down is a protocol failure, not a device limit. */
  @Test
  void refusesATravelThatCannotBe() {
    // GIVEN answers without max_el, and with min_az above max_az
    ScriptedLines missing = new ScriptedLines("\\dump_state",
        "1\n1\nmin_az=0\nmax_az=360\nmin_el=0\ndone\n");
    ScriptedLines upsideDown = new ScriptedLines("\\dump_state",
        "0\n1\n360\n0\n0\n90\n");

    // WHEN they are read
    DriverException noElevation = catchThrowableOfType(DriverException.class,
        () -> RotatorDump.read(missing));
    DriverException empty = catchThrowableOfType(DriverException.class,
        () -> RotatorDump.read(upsideDown));

    // THEN both are protocol failures saying what is wrong
    assertThat(noElevation.code()).isEqualTo(FailureCode.PROTOCOL);
    assertThat(noElevation).hasMessageContaining("without max_el");
    assertThat(empty.code()).isEqualTo(FailureCode.PROTOCOL);
    assertThat(empty).hasMessageContaining("azimuth travel from 360.0° to 0.0°");
  }

  /** An error code instead of the answer is the daemon's error, not a protocol failure. */
  @Test
  void passesOnAnErrorCodeInsteadOfTheAnswer() {
    // GIVEN a daemon that does not implement dump_state
    ScriptedLines answer = new ScriptedLines("\\dump_state", "RPRT -4\n");

    // WHEN it is read
    HamlibException refused = catchThrowableOfType(HamlibException.class,
        () -> RotatorDump.read(answer));

    // THEN it is Hamlib's code
    assertThat(refused.rprt()).isEqualTo(-4);
    assertThat(refused.code()).isEqualTo(FailureCode.NOT_AVAILABLE);
  }

  /** rigctld's dump_state gives receive ranges, their modes and whether the rig transmits. */
  @Test
  void readsRigctldRangesModesAndTransmit() {
    // GIVEN rigctld 4.5's answer for its dummy rig
    ScriptedLines answer = new ScriptedLines("\\dump_state", RIG_DUMMY);

    // WHEN it is read
    RigDump dump = RigDump.read(answer);

    // THEN the range, the nine modes of 0x1ff and the transmit range are found
    assertThat(dump.model()).isEqualTo(1);
    assertThat(dump.frequencies()).containsExactly(new Range(150_000, 1_500_000_000));
    assertThat(dump.modes()).containsExactly("AM", "CW", "CWR", "FM", "LSB", "RTTY", "RTTYR",
        "USB", "WFM");
    assertThat(dump.transmits()).isTrue();
    assertThat(answer.remaining()).isZero();
  }

  /** Trailing settings up to done, as after another client's chk_vfo, are read to the end. */
  @Test
  void readsTrailingSettingsUpToDone() {
    // GIVEN the dummy's answer with settings and done after it, and a line after that
    ScriptedLines answer = new ScriptedLines("\\dump_state", RIG_DUMMY
        + "vfo_ops=0x1ff\nptt_type=0x1\nhas_set_vfo=1\ndone\nRPRT 0\n");

    // WHEN it is read
    RigDump dump = RigDump.read(answer);

    // THEN everything up to done was read, nothing after it
    assertThat(dump.transmits()).isTrue();
    assertThat(answer.remaining()).isEqualTo(1);
  }

  /** Overlapping receive ranges are merged; a receiver has no transmit range; modes add up. */
  @Test
  void mergesRangesOfAReceiver() {
    // GIVEN a receiver with two overlapping ranges and a third apart, with different modes
    ScriptedLines answer = new ScriptedLines("\\dump_state", """
        0
        3081
        2
        30000 200000000 0x21 -1 -1 0x3 0
        144000000 148000000 0x800 -1 -1 0x3 0
        420000000 450000000 0x1000000 -1 -1 0x3 0
        0 0 0 0 0 0 0
        0 0 0 0 0 0 0
        0 0
        0 0
        """);

    // WHEN it is read
    RigDump dump = RigDump.read(answer);

    // THEN the ranges are merged where they overlap and the modes are named
    assertThat(dump.frequencies()).containsExactly(new Range(30_000, 200_000_000),
        new Range(420_000_000, 450_000_000));
    assertThat(dump.modes()).containsExactlyInAnyOrder("AM", "FM", "PKTUSB", "D-STAR");
    assertThat(dump.transmits()).isFalse();
  }

  /** Something that is not a dump_state is a protocol failure quoting the line. */
  @Test
  void refusesAForeignAnswer() {
    // GIVEN an answer that breaks off into text in the range list
    ScriptedLines answer = new ScriptedLines("\\dump_state", "1\n1\n0\nhello world\n");

    // WHEN it is read
    DriverException refused = catchThrowableOfType(DriverException.class,
        () -> RigDump.read(answer));

    // THEN it is a protocol failure quoting the line
    assertThat(refused.code()).isEqualTo(FailureCode.PROTOCOL);
    assertThat(refused).hasMessageContaining("'hello world'");
  }
}
