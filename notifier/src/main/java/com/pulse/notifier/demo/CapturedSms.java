package com.pulse.notifier.demo;

import java.time.Instant;

/** An SMS as the fake Twilio API accepted it; {@code sid} is what it answered, i.e. the delivery's provider id. */
public record CapturedSms(String sid, String to, String from, String body, int segments, Instant at) {
}
