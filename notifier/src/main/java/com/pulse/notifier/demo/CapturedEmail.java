package com.pulse.notifier.demo;

import java.time.Instant;
import java.util.List;

/** An email as the SMTP catcher received it: envelope recipients, subject and both renderings. */
public record CapturedEmail(List<String> to, String from, String subject, String text, String html, Instant at) {
}
