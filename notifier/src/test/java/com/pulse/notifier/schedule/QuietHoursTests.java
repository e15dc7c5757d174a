package com.pulse.notifier.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuietHoursTests {

    static final QuietHours NIGHT = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0));
    static final QuietHours LUNCH = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 30));

    @ParameterizedTest
    @CsvSource({"21:59,false", "22:00,true", "23:30,true", "00:00,true", "06:59,true", "07:00,false", "12:00,false"})
    void overnightHoursContainFromButNotTo(String time, boolean quiet) {
        assertThat(NIGHT.contains(LocalTime.parse(time))).isEqualTo(quiet);
    }

    @ParameterizedTest
    @CsvSource({"11:59,false", "12:00,true", "13:29,true", "13:30,false"})
    void daytimeHoursToo(String time, boolean quiet) {
        assertThat(LUNCH.contains(LocalTime.parse(time))).isEqualTo(quiet);
    }

    @Test
    void theEndIsTheNextToOnTheRecipientsClockAcrossDstChanges() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // 23:00 CET on 27 March 2027 -> 07:00 CEST on the 28th (the night is an hour shorter)
        assertThat(NIGHT.endAfter(Instant.parse("2027-03-27T22:00:00Z"), berlin)).isEqualTo(Instant.parse("2027-03-28T05:00:00Z"));
        // 23:00 CEST on 24 October 2026 -> 07:00 CET on the 25th
        assertThat(NIGHT.endAfter(Instant.parse("2026-10-24T21:00:00Z"), berlin)).isEqualTo(Instant.parse("2026-10-25T06:00:00Z"));
        // 03:00 in the morning ends the same day
        assertThat(NIGHT.endAfter(Instant.parse("2027-01-10T02:00:00Z"), berlin)).isEqualTo(Instant.parse("2027-01-10T06:00:00Z"));
        // one instant, three clocks: Berlin 23:00 and Shanghai 06:00 are quiet, New York 17:00 is not
        Instant at = Instant.parse("2027-01-10T22:00:00Z");
        assertThat(NIGHT.contains(at, berlin)).isTrue();
        assertThat(NIGHT.contains(at, ZoneId.of("Asia/Shanghai"))).isTrue();
        assertThat(NIGHT.contains(at, ZoneId.of("America/New_York"))).isFalse();
    }

    @Test
    void anEndThatTheSpringGapSkipsIsTheFirstTimeAfterIt() {
        QuietHours untilHalfTwo = new QuietHours(LocalTime.of(22, 0), LocalTime.of(2, 30));
        // 02:30 does not exist in Berlin on 28 March 2027: 03:30 CEST
        assertThat(untilHalfTwo.endAfter(Instant.parse("2027-03-27T22:00:00Z"), ZoneId.of("Europe/Berlin")))
                .isEqualTo(Instant.parse("2027-03-28T01:30:00Z"));
    }
}
