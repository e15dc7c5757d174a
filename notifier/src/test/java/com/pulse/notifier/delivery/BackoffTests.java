package com.pulse.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTests {

    @ParameterizedTest(name = "after {0} failures: {1}–{2} s")
    @CsvSource({
            "1, 15, 30",
            "2, 30, 60",
            "3, 60, 120",
            "7, 960, 1920",
            "8, 1800, 3600",    // capped at max-backoff (1 h)
            "30, 1800, 3600"})
    void doublesWithEachFailureWithinItsJitterUpToTheMaximum(int attempts, long lowest, long highest) {
        Backoff low = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), () -> 0.0);
        Backoff high = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), () -> 0.999_999_999);

        assertThat(low.after(attempts)).isEqualTo(Duration.ofSeconds(lowest));
        assertThat(high.after(attempts)).isBetween(Duration.ofSeconds(highest).minusMillis(1), Duration.ofSeconds(highest));
    }
}
