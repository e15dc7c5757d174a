package com.pulse.olap.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.pulse.clickhouse.dualengine.HostileStrings;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelativePeriodTests {

    static RelativePeriod.Days on(String today, String value) {
        return RelativePeriod.resolve("value", value, LocalDate.parse(today));
    }

    static RelativePeriod.Days days(String from, String to) {
        return new RelativePeriod.Days(LocalDate.parse(from), LocalDate.parse(to));
    }

    @Test
    void quartersTurnOnTheFirstDayOfJanuaryAprilJulyAndOctober() {
        assertThat(on("2026-03-31", "this_quarter")).isEqualTo(days("2026-01-01", "2026-03-31"));
        assertThat(on("2026-04-01", "this_quarter")).isEqualTo(days("2026-04-01", "2026-06-30"));
        assertThat(on("2026-04-01", "last_quarter")).isEqualTo(days("2026-01-01", "2026-03-31"));
        assertThat(on("2026-03-31", "next_quarter")).isEqualTo(days("2026-04-01", "2026-06-30"));
        assertThat(on("2026-12-31", "next_quarter")).isEqualTo(days("2027-01-01", "2027-03-31"));
        assertThat(on("2027-01-01", "last_quarter")).isEqualTo(days("2026-10-01", "2026-12-31"));
    }

    @Test
    void yearsMonthsAndDaysCrossTheYearEnd() {
        assertThat(on("2026-12-31", "this_year")).isEqualTo(days("2026-01-01", "2026-12-31"));
        assertThat(on("2026-12-31", "next_year")).isEqualTo(days("2027-01-01", "2027-12-31"));
        assertThat(on("2027-01-01", "last_year")).isEqualTo(days("2026-01-01", "2026-12-31"));
        assertThat(on("2027-01-01", "last_month")).isEqualTo(days("2026-12-01", "2026-12-31"));
        assertThat(on("2027-01-01", "last_day")).isEqualTo(days("2026-12-31", "2026-12-31"));
        assertThat(on("2026-12-31", "next_day")).isEqualTo(days("2027-01-01", "2027-01-01"));
        assertThat(on("2026-12-31", "this_day")).isEqualTo(days("2026-12-31", "2026-12-31"));
        // month lengths: January 31st's next month is February, 28 days in 2026; 2028 is a leap year
        assertThat(on("2026-01-31", "next_month")).isEqualTo(days("2026-02-01", "2026-02-28"));
        assertThat(on("2028-03-31", "last_month")).isEqualTo(days("2028-02-01", "2028-02-29"));
    }

    @Test
    void weeksStartOnMonday() {
        // 2026-11-30 is a Monday
        assertThat(on("2026-11-30", "this_week")).isEqualTo(days("2026-11-30", "2026-12-06"));
        assertThat(on("2026-11-29", "this_week")).isEqualTo(days("2026-11-23", "2026-11-29"));   // Sunday
        assertThat(on("2026-11-30", "last_week")).isEqualTo(days("2026-11-23", "2026-11-29"));
        assertThat(on("2026-11-29", "next_week")).isEqualTo(days("2026-11-30", "2026-12-06"));
        assertThat(on("2026-12-31", "this_week")).isEqualTo(days("2026-12-28", "2027-01-03"));   // across the year end
    }

    @Test
    void lastNDaysEndToday() {
        assertThat(on("2026-03-01", "last_1_days")).isEqualTo(days("2026-03-01", "2026-03-01"));
        assertThat(on("2026-03-01", "last_7_days")).isEqualTo(days("2026-02-23", "2026-03-01"));
        // 3,659 days before: ten years of 3,652 days (2020 and 2024 leap) and 7 more
        assertThat(on("2026-03-01", "last_3660_days").from()).isEqualTo(LocalDate.parse("2016-02-23"));
    }

    @Test
    void unknownPeriodsAreRefusedListingTheValidOnes() {
        for (String bad : List.of("this_decade", "last_0_days", "last_3661_days", "last_01_days", "LAST_WEEK", "last_-1_days",
                "last_N_days", "this_quarter ", "next_7_days")) {
            InvalidQuery e = catchThrowableOfType(InvalidQuery.class, () -> on("2026-03-01", bad));
            assertThat(e).as(bad).isNotNull();
            assertThat(e.field()).isEqualTo("value");
            assertThat(e.validValues()).contains("this_quarter", "last_week", "next_year", "last_N_days").hasSize(16);
        }
        for (String hostile : HostileStrings.ALL) {
            assertThat(catchThrowableOfType(InvalidQuery.class, () -> on("2026-03-01", hostile))).isNotNull();
        }
        assertThat(catchThrowableOfType(InvalidQuery.class, () -> on("2026-03-01", null))).isNotNull();
    }

    @Test
    void todayIsTheCompanysDaySoAQuarterTurnsAtTheCompanysMidnight() {
        // 2026-03-31T16:30Z is 00:30 on April 1st in Shanghai (UTC+8): the second quarter there
        Clock clock = Clock.fixed(Instant.parse("2026-03-31T16:30:00Z"), ZoneOffset.UTC);
        Pivot pivot = PivotQueryTests.query(List.of(), List.of(), List.of("count"),
                List.of(Filter.relative("closedDate", "this_quarter"), Filter.relative("expectedCloseDate", "last_quarter")))
                .validate(PivotQueryTests.SHANGHAI, clock);
        // instants: the company's midnights starting April 1st and July 1st, in UTC
        assertThat(pivot.filters().get(0).params()).containsExactly(Instant.parse("2026-03-31T16:00:00Z"), Instant.parse("2026-06-30T16:00:00Z"));
        // calendar dates compared as days
        assertThat(pivot.filters().get(1).params()).containsExactly(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-03-31"));
        assertThat(pivot.filters().get(0).sql()).isEqualTo(PivotQueryTests.query(List.of(), List.of(), List.of("count"),
                List.of(Filter.between("closedDate", "2026-04-01", "2026-06-30"))).validate(PivotQueryTests.SHANGHAI).filters().get(0).sql());

        InvalidQuery onDimension = catchThrowableOfType(InvalidQuery.class, () -> PivotQueryTests.query(List.of(), List.of(),
                List.of("count"), List.of(Filter.relative("closedMonth", "this_month"))).validate(PivotQueryTests.SHANGHAI, clock));
        assertThat(onDimension.field()).isEqualTo("filters[0].op");
        InvalidQuery bad = catchThrowableOfType(InvalidQuery.class, () -> PivotQueryTests.query(List.of(), List.of(),
                List.of("count"), List.of(Filter.relative("closedDate", "this_era"))).validate(PivotQueryTests.SHANGHAI, clock));
        assertThat(bad.field()).isEqualTo("filters[0].value");
    }
}
