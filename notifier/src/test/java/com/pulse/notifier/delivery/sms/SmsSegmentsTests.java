package com.pulse.notifier.delivery.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmsSegmentsTests {

    @ParameterizedTest(name = "{0} × ''{1}'' → {2}")
    @CsvSource({
            "1, a, 1",
            "160, a, 1",     // GSM-7: 160 in one segment
            "161, a, 2",     // then 153 per concatenated segment
            "306, a, 2",
            "307, a, 3",
            "80, €, 1",      // an extension character takes two septets
            "81, €, 2",
            "70, 长, 1",     // UCS-2: 70 in one segment
            "71, 长, 2",     // then 67 per concatenated segment
            "134, 长, 2",
            "135, 长, 3"})
    void countsSegmentsByAlphabet(int times, String character, int segments) {
        assertThat(SmsSegments.count(character.repeat(times))).isEqualTo(segments);
    }

    @ParameterizedTest
    @CsvSource({"160", "70"})
    void oneNonGsmCharacterMakesTheWholeTextUcs2(int length) {
        String text = "a".repeat(length - 1) + "é".replace("é", "ê"); // ê is not in GSM 03.38

        assertThat(SmsSegments.count(text)).isEqualTo(length == 160 ? 3 : 1);
    }

    @ParameterizedTest
    @CsvSource({"+14155552671, true", "+861012345678, true", "14155552671, false", "+0123456, false",
            "+1 415 555 2671, false", "+1234567890123456, false", "+1, false"})
    void e164(String number, boolean valid) {
        assertThat(E164.valid(number)).isEqualTo(valid);
    }
}
