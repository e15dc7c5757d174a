package com.pulse.notifier.delivery.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.notifier.delivery.SendOutcome;
import com.twilio.exception.ApiException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TwilioFailuresTests {

    @ParameterizedTest(name = "HTTP {0}, error {1} → {2}")
    @CsvSource({
            "429, 20429, Transient",
            "500, 20500, Transient",
            "503, 20503, Transient",
            "400, 21211, Permanent",   // invalid 'To' number
            "400, 21614, Permanent",   // not a mobile number
            "400, 21610, Permanent",   // recipient unsubscribed
            "401, 20003, Permanent",   // bad credentials: a retry fails the same way
            "404, 20404, Permanent"})
    void classifiesByStatus(int status, int code, String kind) {
        SendOutcome outcome = TwilioSmsSender.classify(new ApiException("refused", code, null, status, null));

        assertThat(outcome.getClass().getSimpleName()).isEqualTo(kind);
        assertThat(outcome.toString()).contains(String.valueOf(code));
    }
}
