package talos.core.catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Verifies the Alpha-5 satellite number field: decoding, encoding, and what is refused. */
class Alpha5Test {

  @ParameterizedTest(name = "''{0}'' is {1}")
  @CsvSource({
      "00000, 0",
      "00900, 900",
      "25544, 25544",
      "99999, 99999",
      "A0000, 100000",
      "E8493, 148493",
      "H9999, 179999",
      "J0000, 180000",
      "N9999, 229999",
      "P0000, 230000",
      "Z9999, 339999"})
  void testAFieldDecodesToItsCatalogueNumberAndEncodesBack(String field, int noradId) {
    assertThat(Alpha5.decode(field)).isEqualTo(noradId);
    assertThat(Alpha5.encode(noradId)).isEqualTo(field);
  }

  @Test
  void testEveryNumberUpToTheLargestRoundTrips() {
    List<Integer> mismatches = IntStream.rangeClosed(0, Alpha5.MAX_ID)
        .filter(noradId -> Alpha5.decode(Alpha5.encode(noradId)) != noradId)
        .boxed()
        .toList();

    assertThat(mismatches).isEmpty();
  }

  @Test
  void testFieldsAreFiveCharactersWithoutIOrO() {
    List<String> fields = IntStream.rangeClosed(0, Alpha5.MAX_ID)
        .mapToObj(Alpha5::encode)
        .filter(field -> field.length() != 5 || field.contains("I") || field.contains("O"))
        .toList();

    assertThat(fields).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"I0000", "O1234"})
  void testIAndOAreRefusedAsFirstCharacterWithTheReason(String field) {
    assertThatThrownBy(() -> Alpha5.decode(field))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'" + field + "' is not a catalogue number; allowed: five digits, or a letter"
            + " A-Z other than I and O followed by four digits; Alpha-5 skips I and O");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a0000", "-1234", "A000", "A00000", "AB123", " 1234", "1234 ", "",
      "#0000"})
  void testAnythingElseThanFiveDigitsOrAlpha5IsRefused(String field) {
    assertThatThrownBy(() -> Alpha5.decode(field))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("'" + field + "' is not a catalogue number; allowed: five digits,");
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 340_000, 999_999_999})
  void testNumbersOutsideTheAlpha5RangeCannotBeEncoded(int noradId) {
    assertThat(Alpha5.fits(noradId)).isFalse();
    assertThatThrownBy(() -> Alpha5.encode(noradId))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("catalogue number " + noradId
            + " does not fit a TLE line; allowed: 0 to 339999");
  }
}
