package talos.driver.sdr;

import talos.driver.Range;

import java.util.Arrays;
import java.util.List;

/**
 * The tuner chips of RTL-SDR receivers, as rtl_tcp numbers them in its header (librtlsdr's
 * {@code rtlsdr_tuner}), with the frequencies each tunes.
 */
enum Tuner {

  UNKNOWN(0, "unknown", List.of()),
  E4000(1, "E4000", List.of(new Range(52e6, 1_100e6), new Range(1_250e6, 2_200e6))),
  FC0012(2, "FC0012", List.of(new Range(22e6, 948.6e6))),
  FC0013(3, "FC0013", List.of(new Range(22e6, 1_100e6))),
  FC2580(4, "FC2580", List.of(new Range(146e6, 308e6), new Range(438e6, 924e6))),
  R820T(5, "R820T", List.of(new Range(24e6, 1_766e6))),
  R828D(6, "R828D", List.of(new Range(24e6, 1_766e6)));

  private final int number;
  private final String chip;
  private final List<Range> frequencies;

  Tuner(int number, String chip, List<Range> frequencies) {
    this.number = number;
    this.chip = chip;
    this.frequencies = frequencies;
  }

  /** The tuner of this number, or {@link #UNKNOWN} for a number rtl_tcp does not define. */
  static Tuner of(long number) {
    return Arrays.stream(values()).filter(t -> t.number == number).findFirst().orElse(UNKNOWN);
  }

  /** The frequencies it tunes, in hertz; empty when unknown. */
  List<Range> frequencies() {
    return frequencies;
  }

  @Override
  public String toString() {
    return chip;
  }
}
