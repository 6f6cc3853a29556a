package talos.core.catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static talos.core.catalog.CatalogSamples.HST_LINE1;
import static talos.core.catalog.CatalogSamples.HST_LINE2;
import static talos.core.catalog.CatalogSamples.HST_NAME;
import static talos.core.catalog.CatalogSamples.ISS_LINE1;
import static talos.core.catalog.CatalogSamples.ISS_LINE2;
import static talos.core.catalog.CatalogSamples.ISS_NAME;
import static talos.core.catalog.CatalogSamples.edit;
import static talos.core.catalog.CatalogSamples.text;

/** Verifies which TLE and 3LE text is accepted, and how each rejected entry is explained. */
class TleParserTest {

  @Test
  void testTheActiveCatalogueIsReadWhole() {
    ImportReport report = TleParser.parse(CatalogSamples.activeCatalog());

    assertThat(report.rejected()).isEmpty();
    assertThat(report.acceptedCount()).isEqualTo(CatalogSamples.ACTIVE_CATALOG_SIZE);
    assertThat(report.rejectedCount()).isZero();
    assertThat(report.accepted()).allSatisfy(set -> {
      assertThat(set.name()).isNotBlank();
      assertThat(set.line1()).hasSize(69).startsWith("1 ");
      assertThat(set.line2()).hasSize(69).startsWith("2 ");
    });
  }

  @Test
  void testTheFirstEntryOfTheActiveCatalogueIsCalsphere1WithEveryField() {
    ElementSet calsphere = TleParser.parse(CatalogSamples.activeCatalog()).accepted().get(0);

    assertThat(calsphere.noradId()).isEqualTo(900);
    assertThat(calsphere.name()).isEqualTo("CALSPHERE 1");
    assertThat(calsphere.internationalDesignator()).isEqualTo("1964-063C");
    assertThat(calsphere.classification()).isEqualTo('U');
    assertThat(calsphere.epoch()).isEqualTo(Instant.parse("2026-03-19T06:00:50.156064Z"));
    assertThat(calsphere.meanMotionDot()).isEqualTo(0.00000586);
    assertThat(calsphere.meanMotionDdot()).isZero();
    assertThat(calsphere.bstar()).isEqualTo(0.58848e-3);
    assertThat(calsphere.ephemerisType()).isZero();
    assertThat(calsphere.elementSetNumber()).isEqualTo(999);
    assertThat(calsphere.inclination()).isEqualTo(90.2170);
    assertThat(calsphere.raan()).isEqualTo(69.6682);
    assertThat(calsphere.eccentricity()).isEqualTo(0.0024457);
    assertThat(calsphere.argumentOfPerigee()).isEqualTo(200.0471);
    assertThat(calsphere.meanAnomaly()).isEqualTo(222.5878);
    assertThat(calsphere.meanMotion()).isEqualTo(13.76510242);
    assertThat(calsphere.revolutionNumber()).isEqualTo(5905);
    assertThat(calsphere.line1()).isEqualTo(CatalogSamples.CALSPHERE_LINE1);
    assertThat(calsphere.line2()).isEqualTo(CatalogSamples.CALSPHERE_LINE2);
  }

  @Test
  void testTheIssInTheActiveCatalogueHasItsPublishedEpochAndMeanMotion() {
    ElementSet iss = TleParser.parse(CatalogSamples.activeCatalog()).accepted().stream()
        .filter(set -> set.noradId() == 25544)
        .findFirst()
        .orElseThrow();

    assertThat(iss.name()).isEqualTo(ISS_NAME);
    assertThat(iss.internationalDesignator()).isEqualTo("1998-067A");
    assertThat(iss.epoch()).isEqualTo(Instant.parse("2026-03-19T03:06:36.144Z"));
    assertThat(iss.meanMotion()).isEqualTo(15.48370465);
    assertThat(iss.revolutionNumber()).isEqualTo(55779);
    assertThat(iss.line1()).isEqualTo(ISS_LINE1);
    assertThat(iss.line2()).isEqualTo(ISS_LINE2);
  }

  @Test
  void testTwoLineEntriesHaveNoName() {
    ImportReport report = TleParser.parse(text(ISS_LINE1, ISS_LINE2, HST_LINE1, HST_LINE2));

    assertThat(report.rejected()).isEmpty();
    assertThat(report.accepted()).extracting(ElementSet::noradId).containsExactly(25544, 20580);
    assertThat(report.accepted()).extracting(ElementSet::name).containsOnlyNulls();
  }

  @Test
  void testTwoLineAndThreeLineEntriesMayBeMixed() {
    ImportReport report = TleParser.parse(text(ISS_LINE1, ISS_LINE2, HST_NAME, HST_LINE1, HST_LINE2,
        CatalogSamples.CALSPHERE_LINE1, CatalogSamples.CALSPHERE_LINE2));

    assertThat(report.rejected()).isEmpty();
    assertThat(report.accepted()).extracting(ElementSet::name)
        .containsExactly(null, HST_NAME, null);
  }

  @Test
  void testWindowsAndOldMacLineEndingsAreRead() {
    assertThat(TleParser.parse(CatalogSamples.issAndHst("\r\n")).accepted())
        .extracting(ElementSet::name, ElementSet::line2)
        .containsExactly(
            tuple(ISS_NAME, ISS_LINE2),
            tuple(HST_NAME, HST_LINE2));
    assertThat(TleParser.parse(CatalogSamples.issAndHst("\r")).acceptedCount()).isEqualTo(2);
  }

  @Test
  void testBlankLinesTrailingWhitespaceAndAByteOrderMarkAreTolerated() {
    String input = "\uFEFF\n" + ISS_NAME + "   \n\n" + ISS_LINE1 + " \t\n   \n"
        + ISS_LINE2 + "  \r\n\n";

    ImportReport report = TleParser.parse(input);

    assertThat(report.rejected()).isEmpty();
    assertThat(report.accepted()).singleElement().satisfies(iss -> {
      assertThat(iss.name()).isEqualTo(ISS_NAME);
      assertThat(iss.line1()).isEqualTo(ISS_LINE1);
      assertThat(iss.line2()).isEqualTo(ISS_LINE2);
    });
  }

  @Test
  void testACelestrakZeroPrefixIsNotPartOfTheName() {
    ImportReport report = TleParser.parse("0 ISS (ZARYA)\r\n" + ISS_LINE1 + "\r\n" + ISS_LINE2);

    assertThat(report.accepted()).singleElement().extracting(ElementSet::name).isEqualTo(ISS_NAME);
  }

  @Test
  void testANameLongerThanTwentyFourCharactersIsAccepted() {
    String name = "INTERNATIONAL SPACE STATION (ZARYA MODULE)";

    ImportReport report = TleParser.parse(text(name, ISS_LINE1, ISS_LINE2));

    assertThat(report.accepted()).singleElement().extracting(ElementSet::name).isEqualTo(name);
  }

  @Test
  void testNegativeDerivativesAndDragTermsAreRead() {
    String line1 = edit(edit(ISS_LINE1, 34, "-.00001234"), 54, "-11606-4");

    ElementSet set = TleParser.parse(text(line1, ISS_LINE2)).accepted().get(0);

    assertThat(set.meanMotionDot()).isEqualTo(-0.00001234);
    assertThat(set.bstar()).isEqualTo(-0.11606e-4);
  }

  @Test
  void testAnAlpha5CatalogueNumberIsDecoded() {
    String line1 = edit(ISS_LINE1, 3, "E8493");
    String line2 = edit(ISS_LINE2, 3, "E8493");

    ImportReport report = TleParser.parse(text(line1, line2));

    assertThat(report.accepted()).singleElement()
        .extracting(ElementSet::noradId).isEqualTo(148_493);
  }

  @Test
  void testABadChecksumIsRejectedWithLineNumberAndReason() {
    String badLine2 = ISS_LINE2.substring(0, 68) + "7";

    ImportReport report = TleParser.parse(text(HST_NAME, HST_LINE1, HST_LINE2, ISS_NAME, ISS_LINE1,
        badLine2, CatalogSamples.CALSPHERE_LINE1, CatalogSamples.CALSPHERE_LINE2));

    assertThat(report.accepted()).extracting(ElementSet::noradId).containsExactly(20580, 900);
    assertThat(report.rejected()).singleElement().satisfies(entry -> {
      assertThat(entry.name()).isEqualTo(ISS_NAME);
      assertThat(entry.problems()).singleElement().satisfies(problem -> {
        assertThat(problem.source()).isEqualTo(ParseProblem.Source.TLE);
        assertThat(problem.position()).isEqualTo(6);
        assertThat(problem.field()).isEqualTo("checksum");
        assertThat(problem.text()).isEqualTo(badLine2);
        assertThat(problem.describe()).isEqualTo("line 6: column 69 (checksum): is 7 but columns"
            + " 1-68 sum to 8 modulo 10 (digits count their value, '-' counts 1)");
      });
    });
  }

  @Test
  void testALineOfTheWrongLengthIsRejectedWithItsLength() {
    String shortLine1 = ISS_LINE1.substring(0, 68);

    ImportReport report = TleParser.parse(text(ISS_NAME, shortLine1, ISS_LINE2, HST_NAME, HST_LINE1,
        HST_LINE2));

    assertThat(report.accepted()).extracting(ElementSet::name).containsExactly(HST_NAME);
    assertThat(report.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.field()).isEqualTo("length");
      assertThat(problem.describe())
          .isEqualTo("line 2: 68 characters; a TLE line has 69 (trailing whitespace ignored)");
    });
  }

  static Stream<Arguments> badFields() {
    return Stream.of(
        arguments(1, 1, "3", "line number", "column 1 (line number): is '3' where line 1 must start"
            + " with '1'"),
        arguments(2, 1, "3", "line number", "column 1 (line number): is '3' where line 2 must start"
            + " with '2'"),
        arguments(1, 3, "I0000", "satellite number", "columns 3-7 (satellite number): 'I0000' is"
            + " not a catalogue number; allowed: five digits, or a letter A-Z other than I and O"
            + " followed by four digits; Alpha-5 skips I and O"),
        arguments(2, 3, "25545", "satellite number", "columns 3-7 (satellite number): '25545'"
            + " differs from line 1's '25544'; both lines carry the same number"),
        arguments(1, 8, "X", "classification", "column 8 (classification): 'X' is not a"
            + " classification; allowed: U (unclassified), C (classified) or S (secret)"),
        arguments(1, 9, "X", "layout", "column 9 (layout): is 'X' where a space must separate the"
            + " fields"),
        arguments(2, 26, "0", "layout", "column 26 (layout): is '0' where a space must separate"
            + " the fields"),
        arguments(1, 10, "98 67A  ", "international designator", "columns 10-17 (international"
            + " designator): '98 67A  ' is not an international designator; allowed: blank, or a"
            + " two-digit year, a three-digit launch number and a piece of one to three letters,"
            + " e.g. '98067A  '"),
        arguments(1, 19, "abcdefghijklmn", "epoch", "columns 19-32 (epoch): 'abcdefghijklmn' is"
            + " not a number; allowed: a two-digit year and a day of year with eight decimals,"
            + " YYDDD.DDDDDDDD, e.g. '26078.25058051'"),
        arguments(1, 19, "26366.50000000", "epoch", "columns 19-32 (epoch): '26366.50000000' has"
            + " day of year 366.50000000; allowed: at least 1 and below 366 in 2026"),
        arguments(1, 19, "26000.50000000", "epoch", "columns 19-32 (epoch): '26000.50000000' has"
            + " day of year 0.50000000; allowed: at least 1 and below 366 in 2026"),
        arguments(1, 34, " .0000x586", "mean motion first derivative", "columns 34-43 (mean motion"
            + " first derivative): ' .0000x586' is not a number; allowed: a sign or space, a point"
            + " and eight digits, e.g. ' .00000586' or '-.00001234'"),
        arguments(1, 45, " 00000*0", "mean motion second derivative", "columns 45-52 (mean motion"
            + " second derivative): ' 00000*0' is not a number; allowed: a sign or space, five"
            + " digits, a sign and an exponent digit, e.g. ' 58848-3' for 0.58848e-3"),
        arguments(1, 54, " 1769a-3", "B* drag term", "columns 54-61 (B* drag term): ' 1769a-3'"
            + " is not a number"),
        arguments(1, 63, "x", "ephemeris type", "column 63 (ephemeris type): 'x' is not a digit;"
            + " allowed: 0 to 9"),
        arguments(1, 65, " 9x9", "element set number", "columns 65-68 (element set number): ' 9x9'"
            + " is not a whole number; allowed: digits, right-aligned with leading spaces"),
        arguments(2, 9, "190.0000", "inclination", "columns 9-16 (inclination): '190.0000' is out"
            + " of range; allowed: 0 to 180 degrees"),
        arguments(2, 9, " 51.6x44", "inclination", "columns 9-16 (inclination): ' 51.6x44' is not"
            + " a number; allowed: a decimal number, right-aligned with leading spaces,"
            + " e.g. ' 51.6344'"),
        arguments(2, 18, "361.0000", "right ascension of the ascending node", "columns 18-25 (right"
            + " ascension of the ascending node): '361.0000' is out of range; allowed: 0 to 360"
            + " degrees"),
        arguments(2, 27, "00062x9", "eccentricity", "columns 27-33 (eccentricity): '00062x9' is"
            + " not a number; allowed: seven digits after an implied decimal point, e.g. '0006229'"
            + " for 0.0006229"),
        arguments(2, 35, "-12.0000", "argument of perigee", "columns 35-42 (argument of perigee):"
            + " '-12.0000' is out of range; allowed: 0 to 360 degrees"),
        arguments(2, 44, "360.0001", "mean anomaly", "columns 44-51 (mean anomaly): '360.0001' is"
            + " out of range; allowed: 0 to 360 degrees"),
        arguments(2, 53, " 0.00000000", "mean motion", "columns 53-63 (mean motion): ' 0.00000000'"
            + " is out of range; allowed: more than 0 revolutions per day"),
        arguments(2, 64, "5577x", "revolution number", "columns 64-68 (revolution number): '5577x'"
            + " is not a whole number; allowed: digits, right-aligned with leading spaces"));
  }

  @ParameterizedTest(name = "line {0} column {1} = ''{2}'' is rejected: {4}")
  @MethodSource("badFields")
  void testABadFieldIsRejectedNamingColumnsFieldValueAndWhatIsAllowed(int tleLine, int column,
                                                                      String value, String field,
                                                                      String reason) {
    String line1 = tleLine == 1 ? edit(ISS_LINE1, column, value) : ISS_LINE1;
    String line2 = tleLine == 2 ? edit(ISS_LINE2, column, value) : ISS_LINE2;

    ImportReport report = TleParser.parse(text(HST_NAME, HST_LINE1, HST_LINE2, ISS_NAME, line1,
        line2, CatalogSamples.CALSPHERE_LINE1, CatalogSamples.CALSPHERE_LINE2));

    assertThat(report.accepted()).extracting(ElementSet::noradId).containsExactly(20580, 900);
    assertThat(report.rejected()).singleElement().satisfies(entry -> {
      assertThat(entry.name()).isEqualTo(ISS_NAME);
      assertThat(entry.problems()).singleElement().satisfies(problem -> {
        assertThat(problem.position()).isEqualTo(4 + tleLine);
        assertThat(problem.field()).isEqualTo(field);
        assertThat(problem.reason()).startsWith(reason);
      });
    });
  }

  @Test
  void testEveryProblemOfAnEntryIsReported() {
    String line1 = edit(edit(ISS_LINE1, 8, "X"), 19, "26400.00000000");
    String line2 = edit(ISS_LINE2, 9, "200.0000").substring(0, 68) + "0";

    ImportReport report = TleParser.parse(text(ISS_NAME, line1, line2));

    assertThat(report.problems())
        .extracting(ParseProblem::position, ParseProblem::field)
        .containsExactly(
            tuple(3, "checksum"),
            tuple(2, "classification"),
            tuple(2, "epoch"),
            tuple(3, "inclination"));
  }

  @Test
  void testTheLeapDayOfYear366IsAcceptedInALeapYear() {
    String line1 = edit(ISS_LINE1, 19, "24366.50000000");

    ElementSet set = TleParser.parse(text(line1, ISS_LINE2)).accepted().get(0);

    assertThat(set.epoch()).isEqualTo(Instant.parse("2024-12-31T12:00:00Z"));
  }

  @Test
  void testTwoDigitYearsFrom57AreTheTwentiethCenturyAndBelow57TheTwentyFirst() {
    String in1957 = edit(ISS_LINE1, 19, "57001.00000000");
    String in2056 = edit(ISS_LINE1, 19, "56001.00000000");

    ImportReport report = TleParser.parse(text(in1957, ISS_LINE2, in2056, ISS_LINE2));

    assertThat(report.accepted()).extracting(ElementSet::epoch).containsExactly(
        Instant.parse("1957-01-01T00:00:00Z"), Instant.parse("2056-01-01T00:00:00Z"));
  }

  @Test
  void testAMissingLine2IsReportedOnLine1AndTheNextEntryIsRead() {
    ImportReport report = TleParser.parse(text(ISS_NAME, ISS_LINE1, HST_NAME, HST_LINE1,
        HST_LINE2));

    assertThat(report.accepted()).extracting(ElementSet::name).containsExactly(HST_NAME);
    assertThat(report.rejected()).singleElement().satisfies(entry -> {
      assertThat(entry.name()).isEqualTo(ISS_NAME);
      assertThat(entry.problems()).extracting(ParseProblem::describe).containsExactly(
          "line 2: line 2 missing: line 3 after this line 1 is not a line 2");
    });
  }

  @Test
  void testATruncatedFileRejectsOnlyItsLastEntry() {
    String cut = ISS_LINE1.substring(0, 40);

    ImportReport report = TleParser.parse(text(HST_NAME, HST_LINE1, HST_LINE2, ISS_NAME, cut));

    assertThat(report.accepted()).extracting(ElementSet::name).containsExactly(HST_NAME);
    assertThat(report.problems()).extracting(ParseProblem::describe).containsExactly(
        "line 5: 40 characters; a TLE line has 69 (trailing whitespace ignored)",
        "line 5: line 2 missing: the input ends after this line 1");
  }

  @Test
  void testAFileCutInsideLine2RejectsOnlyItsLastEntry() {
    ImportReport report = TleParser.parse(HST_LINE1 + "\n" + HST_LINE2 + "\n" + ISS_LINE1 + "\n"
        + ISS_LINE2.substring(0, 30));

    assertThat(report.accepted()).extracting(ElementSet::noradId).containsExactly(20580);
    assertThat(report.problems()).extracting(ParseProblem::describe).containsExactly(
        "line 4: 30 characters; a TLE line has 69 (trailing whitespace ignored)");
  }

  @Test
  void testGarbageBetweenEntriesIsSkippedLineByLine() {
    ImportReport report = TleParser.parse(text(ISS_NAME, ISS_LINE1, ISS_LINE2,
        "<html>503 Service Unavailable</html>", "%%%%", HST_NAME, HST_LINE1, HST_LINE2));

    assertThat(report.accepted()).extracting(ElementSet::name).containsExactly(ISS_NAME, HST_NAME);
    assertThat(report.problems()).extracting(ParseProblem::describe).containsExactly(
        "line 4: line 1 missing: this line is taken for a name line, but line 5 after it is not"
            + " a line 1",
        "line 5: line 1 missing: this line is taken for a name line, but line 6 after it is not"
            + " a line 1");
  }

  @Test
  void testAMisnumberedLine1AfterALoneLine1StartsTheNextEntry() {
    String misnumbered = "7" + HST_LINE1.substring(1);

    ImportReport report = TleParser.parse(text(ISS_LINE1, misnumbered, HST_LINE2, ISS_LINE1,
        ISS_LINE2));

    assertThat(report.accepted()).extracting(ElementSet::noradId).containsExactly(25544);
    assertThat(report.problems()).extracting(ParseProblem::describe).containsExactly(
        "line 1: line 2 missing: line 2 after this line 1 is not a line 2",
        "line 2: column 1 (line number): is '7' where line 1 must start with '1'",
        "line 2: column 69 (checksum): is 1 but columns 1-68 sum to 7 modulo 10 (digits count"
            + " their value, '-' counts 1)");
  }

  @Test
  void testALine2WithoutALine1IsRejectedAndTheNextEntryIsRead() {
    ImportReport report = TleParser.parse(text(ISS_LINE2, HST_LINE1, HST_LINE2));

    assertThat(report.accepted()).extracting(ElementSet::noradId).containsExactly(20580);
    assertThat(report.problems()).extracting(ParseProblem::describe).containsExactly(
        "line 1: line 1 missing: this line 2 has no line 1 before it");
  }

  @Test
  void testANameFollowedByLine2IsRejectedAsMissingItsLine1() {
    ImportReport report = TleParser.parse(text(ISS_NAME, ISS_LINE2, HST_NAME, HST_LINE1,
        HST_LINE2));

    assertThat(report.accepted()).extracting(ElementSet::name).containsExactly(HST_NAME);
    assertThat(report.rejected()).singleElement().satisfies(entry -> {
      assertThat(entry.name()).isEqualTo(ISS_NAME);
      assertThat(entry.problems()).extracting(ParseProblem::describe).containsExactly(
          "line 2: line 1 missing: the name line 1 is followed by this line 2");
    });
  }

  @Test
  void testAnEmptyCelestrakNameIsRejected() {
    ImportReport report = TleParser.parse(text("0", ISS_LINE1, ISS_LINE2));

    assertThat(report.accepted()).isEmpty();
    assertThat(report.problems()).extracting(ParseProblem::describe).containsExactly(
        "line 1: name line: '0' has no name after its '0' prefix; a name is required");
  }

  @Test
  void testANameWithAControlCharacterIsRejected() {
    ImportReport report = TleParser.parse(text("ISS\u0007", ISS_LINE1, ISS_LINE2));

    assertThat(report.problems()).extracting(ParseProblem::describe).containsExactly(
        "line 1: name line: holds the control character U+0007; allowed: printable characters");
  }

  @Test
  void testEmptyInputGivesAnEmptyReport() {
    ImportReport report = TleParser.parse(" \n\r\n");

    assertThat(report.accepted()).isEmpty();
    assertThat(report.rejected()).isEmpty();
  }
}
