package talos.driver.hamlib;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Hamlib's mode names by bit, as {@code rig_strrmode} spells them and as {@code M} and {@code m}
 * use them: bit 0 {@code AM}, bit 1 {@code CW}, bit 2 {@code USB}, … ({@code RIG_MODE_*} of
 * {@code rig.h}; bit 20 is unused).
 */
final class HamlibModes {

  private static final List<String> BY_BIT = List.of(
      "AM", "CW", "USB", "LSB", "RTTY", "FM", "WFM", "CWR", "RTTYR", "AMS",
      "PKTLSB", "PKTUSB", "PKTFM", "ECSSUSB", "ECSSLSB", "FAX", "SAM", "SAL", "SAH", "DSB",
      "", "FMN", "PKTAM", "P25", "D-STAR", "DPMR", "NXDN-VN", "NXDN-N", "DCR", "AMN",
      "PSK", "PSKR", "DD", "C4FM", "PKTFMN", "SPEC", "CWN", "IQ", "ISBUSB", "ISBLSB");

  /** Every mode name Hamlib knows. */
  static final Set<String> ALL = names(-1L);

  private HamlibModes() {
  }

  /** The names of the modes set in a bit field; unknown bits are left out. */
  static Set<String> names(long bits) {
    Set<String> names = new LinkedHashSet<>();
    for (int bit = 0; bit < BY_BIT.size(); bit++) {
      if ((bits & (1L << bit)) != 0 && !BY_BIT.get(bit).isEmpty()) {
        names.add(BY_BIT.get(bit));
      }
    }
    return names;
  }
}
