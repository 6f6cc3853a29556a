package talos.core.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static talos.core.catalog.CatalogSamples.ISS_LINE1;
import static talos.core.catalog.CatalogSamples.ISS_LINE2;
import static talos.core.catalog.CatalogSamples.ISS_NAME;

/** Verifies which OMM JSON entries are accepted, their canonical TLE lines, and rejections. */
class OmmParserTest {

  private static final DateTimeFormatter CELESTRAK_EPOCH =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

  /** Returns the ISS with every value a string, as Space-Track publishes it. */
  private static JsonObject issWithStrings() {
    JsonObject strings = new JsonObject();
    CatalogSamples.issOmm().forEach(field -> strings.put(field.getKey(), String.valueOf(field.getValue())));
    return strings;
  }

  /** Returns the OMM JSON entry equivalent to a parsed TLE element set. */
  private static JsonObject ommOf(ElementSet set) {
    return new JsonObject()
        .put("OBJECT_NAME", set.name())
        .put("OBJECT_ID", set.internationalDesignator())
        .put("EPOCH", CELESTRAK_EPOCH.format(set.epoch()))
        .put("MEAN_MOTION", set.meanMotion())
        .put("ECCENTRICITY", set.eccentricity())
        .put("INCLINATION", set.inclination())
        .put("RA_OF_ASC_NODE", set.raan())
        .put("ARG_OF_PERICENTER", set.argumentOfPerigee())
        .put("MEAN_ANOMALY", set.meanAnomaly())
        .put("EPHEMERIS_TYPE", set.ephemerisType())
        .put("CLASSIFICATION_TYPE", String.valueOf(set.classification()))
        .put("NORAD_CAT_ID", set.noradId())
        .put("ELEMENT_SET_NO", set.elementSetNumber())
        .put("REV_AT_EPOCH", set.revolutionNumber())
        .put("BSTAR", set.bstar())
        .put("MEAN_MOTION_DOT", set.meanMotionDot())
        .put("MEAN_MOTION_DDOT", set.meanMotionDdot());
  }

  private static ImportReport parse(JsonObject... entries) {
    JsonArray array = new JsonArray(Stream.of(entries).map(Object.class::cast).toList());
    return OmmParser.parse(array.encode());
  }

  @Test
  void testTheIssGivesTheSameElementsAndTheSameLinesAsItsPublishedTle() {
    ElementSet fromTle = TleParser.parse(CatalogSamples.text(ISS_NAME, ISS_LINE1, ISS_LINE2))
        .accepted().get(0);

    ImportReport report = parse(CatalogSamples.issOmm());

    assertThat(report.rejected()).isEmpty();
    assertThat(report.accepted()).singleElement().isEqualTo(fromTle);
  }

  @Test
  void testNumbersGivenAsStringsAreReadLikeJsonNumbers() {
    ImportReport report = parse(issWithStrings());

    assertThat(report.rejected()).isEmpty();
    assertThat(report.accepted()).singleElement().satisfies(set -> {
      assertThat(set.noradId()).isEqualTo(25544);
      assertThat(set.meanMotion()).isEqualTo(15.48370465);
      assertThat(set.line1()).isEqualTo(ISS_LINE1);
      assertThat(set.line2()).isEqualTo(ISS_LINE2);
    });
  }

  @Test
  void testTheActiveCatalogueAsOmmGivesBackEveryPublishedLine() {
    ImportReport tle = TleParser.parse(CatalogSamples.activeCatalog());
    JsonArray omm = new JsonArray(tle.accepted().stream().map(OmmParserTest::ommOf)
        .map(Object.class::cast).toList());

    ImportReport report = OmmParser.parse(omm.encode());

    assertThat(report.rejected()).isEmpty();
    assertThat(report.accepted()).isEqualTo(tle.accepted());
  }

  @Test
  void testDerivedLinesHaveChecksumsTheTleParserAccepts() {
    JsonObject awkward = CatalogSamples.issOmm()
        .put("NORAD_CAT_ID", 7)
        .put("MEAN_MOTION_DOT", -0.00001234)
        .put("BSTAR", -1.2667)
        .put("MEAN_MOTION_DDOT", 5e-11)
        .put("ELEMENT_SET_NO", 12)
        .put("REV_AT_EPOCH", 123_456)
        .put("ECCENTRICITY", 0.7)
        .put("MEAN_ANOMALY", 359.99999);
    ElementSet fromOmm = parse(awkward).accepted().get(0);

    ImportReport reparsed = TleParser.parse(CatalogSamples.text(fromOmm.line1(), fromOmm.line2()));

    assertThat(fromOmm.line1())
        .isEqualTo("1 00007U 98067A   26078.12958500 -.00001234  05000-9 -12667+1 0   124");
    assertThat(fromOmm.line2())
        .isEqualTo("2 00007  51.6344  25.6919 7000000 207.4819 360.0000 15.48370465234564");
    assertThat(reparsed.rejected()).isEmpty();
    assertThat(reparsed.accepted()).singleElement().satisfies(set -> {
      assertThat(set.noradId()).isEqualTo(7);
      assertThat(set.revolutionNumber()).isEqualTo(23_456);
      assertThat(set.bstar()).isEqualTo(-1.2667);
    });
  }

  @Test
  void testACatalogueNumberFrom100000To339999GetsAlpha5Lines() {
    ElementSet set = parse(CatalogSamples.issOmm().put("NORAD_CAT_ID", 148_493)).accepted().get(0);

    assertThat(set.line1()).startsWith("1 E8493U ");
    assertThat(set.line2()).startsWith("2 E8493 ");
    assertThat(TleParser.parse(CatalogSamples.text(set.line1(), set.line2())).accepted())
        .singleElement().extracting(ElementSet::noradId).isEqualTo(148_493);
  }

  @ParameterizedTest
  @ValueSource(ints = {340_000, 999_999, 270_000_000, OmmParser.MAX_NORAD_ID})
  void testACatalogueNumberBeyondAlpha5IsAcceptedWithoutLines(int noradId) {
    ImportReport report = parse(CatalogSamples.issOmm().put("NORAD_CAT_ID", noradId));

    assertThat(report.accepted()).singleElement().satisfies(set -> {
      assertThat(set.noradId()).isEqualTo(noradId);
      assertThat(set.hasTleLines()).isFalse();
      assertThat(set.line1()).isNull();
      assertThat(set.line2()).isNull();
    });
  }

  @Test
  void testAnEpochOutside1957To2056IsAcceptedWithoutLines() {
    ImportReport report = parse(CatalogSamples.issOmm().put("EPOCH", "2057-01-01T00:00:00"));

    assertThat(report.accepted()).singleElement()
        .extracting(ElementSet::hasTleLines).isEqualTo(false);
  }

  @ParameterizedTest(name = "''{0}'' is {1}")
  @MethodSource("goodEpochs")
  void testAnEpochIsIsoUtcWithOrWithoutZAndUpToMicroseconds(String epoch, Instant instant) {
    ImportReport report = parse(CatalogSamples.issOmm().put("EPOCH", epoch));

    assertThat(report.accepted()).singleElement().extracting(ElementSet::epoch).isEqualTo(instant);
  }

  static Stream<Arguments> goodEpochs() {
    return Stream.of(
        arguments("2026-03-19T03:06:36.144000", Instant.parse("2026-03-19T03:06:36.144Z")),
        arguments("2026-03-19T03:06:36.144000Z", Instant.parse("2026-03-19T03:06:36.144Z")),
        arguments("2026-03-19T03:06:36", Instant.parse("2026-03-19T03:06:36Z")),
        arguments("2026-03-19T03:06:36.1Z", Instant.parse("2026-03-19T03:06:36.100Z")),
        arguments("2026-03-19T03:06:36.123456", Instant.parse("2026-03-19T03:06:36.123456Z")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-03-19 03:06:36", "2026-03-19T03:06:36.1234567", "2026-03-19",
      "2026-03-19T03:06:36+01:00", "19/03/2026 03:06:36", ""})
  void testAnEpochInAnotherFormIsRejectedWithTheFormAllowed(String epoch) {
    ImportReport report = parse(CatalogSamples.issOmm().put("EPOCH", epoch));

    assertThat(report.accepted()).isEmpty();
    assertThat(report.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.field()).isEqualTo("EPOCH");
      assertThat(problem.describe()).isEqualTo("index 0: EPOCH: '" + epoch + "' is not a date and"
          + " time; allowed: ISO-8601 UTC date and time such as '2026-03-19T03:06:36.144000', with"
          + " an optional 'Z' and up to six fractional digits");
    });
  }

  @Test
  void testAnEpochOnADayThatDoesNotExistIsRejected() {
    ImportReport report = parse(CatalogSamples.issOmm().put("EPOCH", "2026-02-29T00:00:00"));

    assertThat(report.problems()).extracting(ParseProblem::reason).singleElement().asString()
        .startsWith("EPOCH: '2026-02-29T00:00:00' is not a valid date and time; allowed: ISO-8601");
  }

  @Test
  void testAMissingFieldIsRejectedByIndexAndKeyWhileTheOtherEntriesAreAccepted() {
    JsonObject withoutMeanMotion = CatalogSamples.issOmm().put("NORAD_CAT_ID", 2);
    withoutMeanMotion.remove("MEAN_MOTION");

    ImportReport report = parse(CatalogSamples.issOmm().put("NORAD_CAT_ID", 1), withoutMeanMotion,
        CatalogSamples.issOmm().put("NORAD_CAT_ID", 3));

    assertThat(report.accepted()).extracting(ElementSet::noradId).containsExactly(1, 3);
    assertThat(report.rejected()).singleElement().satisfies(entry -> {
      assertThat(entry.name()).isEqualTo(ISS_NAME);
      assertThat(entry.problems()).singleElement().satisfies(problem -> {
        assertThat(problem.source()).isEqualTo(ParseProblem.Source.OMM);
        assertThat(problem.position()).isEqualTo(1);
        assertThat(problem.field()).isEqualTo("MEAN_MOTION");
        assertThat(problem.describe())
            .isEqualTo("index 1: MEAN_MOTION: missing; every entry needs MEAN_MOTION");
      });
    });
  }

  @Test
  void testEveryRequiredKeyIsNamedWhenMissing() {
    ImportReport report = parse(new JsonObject());

    assertThat(report.problems()).extracting(ParseProblem::field).containsExactlyInAnyOrder(
        "OBJECT_NAME", "OBJECT_ID", "EPOCH", "MEAN_MOTION", "ECCENTRICITY", "INCLINATION",
        "RA_OF_ASC_NODE", "ARG_OF_PERICENTER", "MEAN_ANOMALY", "EPHEMERIS_TYPE",
        "CLASSIFICATION_TYPE", "NORAD_CAT_ID", "ELEMENT_SET_NO", "REV_AT_EPOCH", "BSTAR",
        "MEAN_MOTION_DOT", "MEAN_MOTION_DDOT");
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        arguments("MEAN_MOTION", "fast", "MEAN_MOTION: 'fast' is not a number; allowed: a JSON"
            + " number or a string holding one, e.g. 15.4837 or \"1.2e-5\""),
        arguments("BSTAR", true, "BSTAR: 'true' is not a number"),
        arguments("INCLINATION", "NaN", "INCLINATION: 'NaN' is not a number"),
        arguments("ECCENTRICITY", "0x10", "ECCENTRICITY: '0x10' is not a number"),
        arguments("BSTAR", "1e99999", "BSTAR: '1e99999' is not a number"),
        arguments("MEAN_MOTION", 0, "MEAN_MOTION: '0' is out of range; allowed: more than 0 and at"
            + " most 99.99999999 revolutions per day"),
        arguments("ECCENTRICITY", 1.0, "ECCENTRICITY: '1.0' is out of range; allowed: at least 0"
            + " and below 1"),
        arguments("INCLINATION", 190.5, "INCLINATION: '190.5' is out of range; allowed: 0 to 180"
            + " degrees"),
        arguments("RA_OF_ASC_NODE", -0.5, "RA_OF_ASC_NODE: '-0.5' is out of range; allowed: 0 to"
            + " 360 degrees"),
        arguments("ARG_OF_PERICENTER", "360.1", "ARG_OF_PERICENTER: '360.1' is out of range"),
        arguments("MEAN_ANOMALY", 400, "MEAN_ANOMALY: '400' is out of range"),
        arguments("MEAN_MOTION_DOT", 1.5, "MEAN_MOTION_DOT: '1.5' is out of range; allowed: a"
            + " magnitude of at most 0.99999999, the most a TLE column holds"),
        arguments("BSTAR", "2e9", "BSTAR: '2e9' is out of range; allowed: a magnitude of at most"
            + " 999990000, the most a TLE column holds"),
        arguments("NORAD_CAT_ID", 0, "NORAD_CAT_ID: '0' is out of range; allowed: 1 to 999999999"),
        arguments("NORAD_CAT_ID", -25544, "NORAD_CAT_ID: '-25544' is out of range"),
        arguments("NORAD_CAT_ID", 1_000_000_000, "NORAD_CAT_ID: '1000000000' is out of range"),
        arguments("NORAD_CAT_ID", 25544.5, "NORAD_CAT_ID: '25544.5' is not a whole number"),
        arguments("EPHEMERIS_TYPE", 10, "EPHEMERIS_TYPE: '10' is out of range; allowed: 0 to 9"),
        arguments("REV_AT_EPOCH", -1, "REV_AT_EPOCH: '-1' is out of range; allowed: 0 to"),
        arguments("CLASSIFICATION_TYPE", "X", "CLASSIFICATION_TYPE: 'X' is not a classification;"
            + " allowed: 'U' (unclassified), 'C' (classified) or 'S' (secret)"),
        arguments("OBJECT_NAME", " ", "OBJECT_NAME: ' ' is not a name; allowed: a non-empty"
            + " string"),
        arguments("OBJECT_ID", "98067A", "OBJECT_ID: '98067A' is not an international designator;"
            + " allowed: a launch year from 1957 to 2056, '-', a three-digit launch number and a"
            + " piece of one to three letters, e.g. '1998-067A', or null or empty when unknown"),
        arguments("EPOCH", 26078.129585, "EPOCH: '26078.129585' is not a date and time"));
  }

  @ParameterizedTest(name = "{0} = {1} is rejected")
  @MethodSource("badValues")
  void testABadValueIsRejectedNamingKeyValueAndWhatIsAllowed(String key, Object value,
                                                             String reason) {
    ImportReport report = parse(CatalogSamples.issOmm(), CatalogSamples.issOmm().put(key, value));

    assertThat(report.accepted()).hasSize(1);
    assertThat(report.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.position()).isEqualTo(1);
      assertThat(problem.field()).isEqualTo(key);
      assertThat(problem.text()).isEqualTo(String.valueOf(value));
      assertThat(problem.reason()).startsWith(reason);
    });
  }

  @Test
  void testALongValueIsShortenedInTheReasonAndInTheText() {
    String longValue = "x".repeat(500);

    ImportReport report = parse(CatalogSamples.issOmm().put("MEAN_MOTION", longValue));

    assertThat(report.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.text()).hasSize(ParseProblem.TEXT_LIMIT).endsWith("...");
      assertThat(problem.reason())
          .isEqualTo("MEAN_MOTION: '" + "x".repeat(40) + "...' is not a number; allowed: a JSON"
              + " number or a string holding one, e.g. 15.4837 or \"1.2e-5\"");
    });
  }

  @Test
  void testWholeNumbersMayBeWrittenWithAZeroFraction() {
    ImportReport report = parse(CatalogSamples.issOmm().put("NORAD_CAT_ID", 25544.0).put("ELEMENT_SET_NO", "999.0"));

    assertThat(report.accepted()).singleElement().extracting(ElementSet::noradId).isEqualTo(25544);
  }

  @Test
  void testAnUnknownDesignatorLeavesItsColumnsBlank() {
    ImportReport report = parse(CatalogSamples.issOmm().putNull("OBJECT_ID"),
        CatalogSamples.issOmm().put("OBJECT_ID", ""));

    assertThat(report.accepted()).hasSize(2).allSatisfy(set -> {
      assertThat(set.internationalDesignator()).isNull();
      assertThat(set.line1().substring(9, 17)).isBlank();
    });
  }

  @Test
  void testEveryProblemOfAnEntryIsReported() {
    ImportReport report = parse(CatalogSamples.issOmm().put("INCLINATION", "steep").put("BSTAR", 5e9)
        .put("CLASSIFICATION_TYPE", "secret"));

    assertThat(report.problems()).extracting(ParseProblem::field)
        .containsExactlyInAnyOrder("INCLINATION", "BSTAR", "CLASSIFICATION_TYPE");
  }

  @Test
  void testAnEntryThatIsNotAnObjectIsRejectedAndTheNextIsRead() {
    ImportReport report = OmmParser.parse(new JsonArray().add(42).add("ISS").add(CatalogSamples.issOmm()));

    assertThat(report.accepted()).extracting(ElementSet::noradId).containsExactly(25544);
    assertThat(report.problems()).extracting(ParseProblem::describe).containsExactly(
        "index 0: entry: is not a JSON object; allowed: an object of OMM keys",
        "index 1: entry: is not a JSON object; allowed: an object of OMM keys");
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "{\"OBJECT_NAME\": \"ISS\"}", "[{\"OBJECT_NAME\": "})
  void testADocumentThatIsNotAJsonArrayIsOneRejectionOfTheDocument(String json) {
    ImportReport report = OmmParser.parse(json);

    assertThat(report.accepted()).isEmpty();
    assertThat(report.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.position()).isEqualTo(-1);
      assertThat(problem.field()).isEqualTo("document");
      assertThat(problem.describe()).startsWith("document: the text is not a JSON array of OMM"
          + " objects: ");
    });
  }

  @Test
  void testAnEmptyArrayGivesAnEmptyReport() {
    ImportReport report = OmmParser.parse("[]");

    assertThat(report.accepted()).isEmpty();
    assertThat(report.rejected()).isEmpty();
  }

  @Test
  void testKeysOutsideTheElementSetAreIgnored() {
    Map<String, Object> extra = Stream.of("CENTER_NAME", "REF_FRAME", "TIME_SYSTEM")
        .collect(Collectors.toMap(key -> key, key -> "EARTH"));

    ImportReport report = parse(CatalogSamples.issOmm().mergeIn(new JsonObject(extra)));

    assertThat(report.accepted()).hasSize(1);
  }
}
