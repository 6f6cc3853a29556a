package talos.core.catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Verifies the TLE column formats: checksum, epoch, implied decimals and canonical lines. */
class TleFormatTest {

  @Test
  void testTheChecksumCountsDigitsAtTheirValueMinusAsOneAndAllElseAsZero() {
    assertThat(TleFormat.checksum("1-2-")).isEqualTo(5);
    assertThat(TleFormat.checksum("A+. 9")).isEqualTo(9);
    assertThat(TleFormat.checksum("99999")).isEqualTo(5);
    assertThat(TleFormat.checksum("")).isZero();
  }

  @Test
  void testTheChecksumIgnoresColumn69() {
    assertThat(TleFormat.checksum(CatalogSamples.ISS_LINE1)).isEqualTo(1);
    assertThat(TleFormat.checksum(CatalogSamples.ISS_LINE2)).isEqualTo(8);
  }

  @Test
  void testEveryPublishedLineEndsInItsChecksum() {
    List<String> lines = CatalogSamples.activeCatalog().lines()
        .filter(line -> line.startsWith("1 ") || line.startsWith("2 "))
        .toList();

    assertThat(lines).hasSize(2 * CatalogSamples.ACTIVE_CATALOG_SIZE)
        .filteredOn(line -> TleFormat.checksum(line) != line.charAt(68) - '0')
        .isEmpty();
  }

  @Test
  void testWritingEveryPublishedSetGivesBackItsPublishedLines() {
    ImportReport report = TleParser.parse(CatalogSamples.activeCatalog());

    assertThat(report.accepted()).hasSize(CatalogSamples.ACTIVE_CATALOG_SIZE)
        .filteredOn(set -> !writesItsOwnLines(set))
        .isEmpty();
  }

  private static boolean writesItsOwnLines(ElementSet set) {
    return List.of(TleFormat.write(set)).equals(List.of(set.line1(), set.line2()));
  }

  @ParameterizedTest(name = "''{0}'' is {1}")
  @CsvSource(delimiter = '|', value = {
      "' 58848-3' | 0.58848e-3",
      "'-11606-4' | -0.11606e-4",
      "'+12345+1' | 1.2345",
      "' 00000+0' | 0",
      "' 00000-0' | 0"})
  void testAnImpliedDecimalFieldIsReadAsPointMantissaTimesTenToTheExponent(String field,
                                                                            double value) {
    assertThat(TleFormat.impliedDecimal(field)).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"58848-3", " 58848-33", " 5884a-3", " 58848*3", "*58848-3", " 58848-x"})
  void testAnythingElseIsNotAnImpliedDecimal(String field) {
    assertThat(TleFormat.impliedDecimal(field)).isNull();
  }

  @ParameterizedTest(name = "{0} is written ''{1}''")
  @CsvSource(delimiter = '|', value = {
      "0.58848e-3   | ' 58848-3'",
      "-0.11606e-4  | '-11606-4'",
      "-1.2667      | '-12667+1'",
      "0            | ' 00000+0'",
      "-0.0         | ' 00000+0'",
      "0.123456e-3  | ' 12346-3'",
      "0.999996e-3  | ' 10000-2'",
      "0.5          | ' 50000+0'",
      "5e-11        | ' 05000-9'",
      "1e-15        | ' 00000+0'",
      "0.99999e9    | ' 99999+9'"})
  void testAValueIsWrittenAsAnImpliedDecimalOfFiveSignificantDigits(double value, String field) {
    assertThat(TleFormat.impliedDecimalField(value)).isEqualTo(field);
  }

  @Test
  void testAValueBeyondTheLargestImpliedDecimalIsRefused() {
    assertThatThrownBy(() -> TleFormat.impliedDecimalField(1e9))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{0} is ''{1}''")
  @CsvSource({
      "2026-03-19T03:06:36.144Z, 26078.12958500",
      "2026-01-01T00:00:00Z, 26001.00000000",
      "2024-12-31T12:00:00Z, 24366.50000000",
      "1957-10-04T19:28:34Z, 57277.81150463",
      "2025-12-31T23:59:59.9999Z, 26001.00000000",
      "2026-03-19T00:00:00.000431Z, 26078.00000000",
      "2026-03-19T00:00:00.000432Z, 26078.00000001"})
  void testAnEpochIsWrittenAsTwoDigitYearAndDayOfYearToEightDecimals(Instant epoch, String field) {
    assertThat(TleFormat.epochField(epoch)).isEqualTo(field);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1956-12-31T23:59:59Z", "2057-01-01T00:00:00Z",
      "2056-12-31T23:59:59.99999Z"})
  void testAnEpochOutside1957To2056HasNoField(Instant epoch) {
    assertThat(TleFormat.epochField(epoch)).isNull();
  }

  @Test
  void testADayOfYearIsReadExactlyToTheMicrosecond() {
    assertThat(TleFormat.epoch(2026, new BigDecimal("78.25058051")))
        .isEqualTo(Instant.parse("2026-03-19T06:00:50.156064Z"));
  }

  @Test
  void testDesignatorsConvertBetweenTleAndCosparForms() {
    assertThat(TleFormat.designatorFromTle("98067A  ")).isEqualTo("1998-067A");
    assertThat(TleFormat.designatorFromTle("25241BCD")).isEqualTo("2025-241BCD");
    assertThat(TleFormat.designatorFromTle("        ")).isNull();
    assertThat(TleFormat.isWritableDesignator("1998-067A")).isTrue();
    assertThat(TleFormat.isWritableDesignator("1956-001A")).isFalse();
    assertThat(TleFormat.isWritableDesignator("98067A")).isFalse();
  }

  @Test
  void testTheLargestEccentricityIsWrittenWithoutRoundingUpToOne() {
    ElementSet iss = TleParser.parse(CatalogSamples.text(CatalogSamples.ISS_LINE1,
        CatalogSamples.ISS_LINE2)).accepted().get(0);
    ElementSet almostParabolic = new ElementSet(iss.noradId(), null, null, iss.epoch(),
        iss.meanMotion(), 0.99999999, iss.inclination(), iss.raan(), iss.argumentOfPerigee(),
        iss.meanAnomaly(), iss.bstar(), iss.meanMotionDot(), iss.meanMotionDdot(), 0, 999, 55779,
        'U', null, null);

    assertThat(TleFormat.write(almostParabolic)[1]).contains(" 9999999 ");
  }
}
